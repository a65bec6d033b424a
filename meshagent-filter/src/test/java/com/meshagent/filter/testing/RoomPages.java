package com.meshagent.filter.testing;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A minimal room UI for browser tests, mapped at {@code /rooms} and {@code /rooms/*}: {@code /rooms} lists the
 * filter's suggested rooms (a same-origin {@code fetch} of {@code GET /meshagent/rooms}); {@code /rooms/{name}}
 * asks for a participant token with a same-origin {@code fetch} POST and opens the room websocket with the
 * token in the {@code meshagent-room.} subprotocol, showing {@code #state} {@code connected} once the room
 * server accepted it. Every page has a real Sign out form and, like many hardened apps (and the filter's own
 * pages), is served with {@code Referrer-Policy: no-referrer}.
 */
public final class RoomPages extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final String LIST_SCRIPT = """
            const ctx = document.body.dataset.context;
            const list = document.getElementById("suggested");
            fetch(ctx + "/meshagent/rooms", {headers: {Accept: "application/json"}})
              .then(r => r.json())
              .then(b => {
                for (const room of b.rooms) {
                  const a = document.createElement("a");
                  a.href = ctx + "/rooms/" + encodeURIComponent(room);
                  a.textContent = room;
                  const li = document.createElement("li");
                  li.append(a);
                  list.append(li);
                }
              });
            """;

    private static final String ROOM_SCRIPT = """
            const ctx = document.body.dataset.context;
            const state = document.getElementById("state");
            const show = (s, text) => { state.dataset.state = s; state.textContent = text; };
            fetch(ctx + "/meshagent/rooms/" + encodeURIComponent(state.dataset.room) + "/token",
                {method: "POST", headers: {Accept: "application/json"}})
              .then(async r => {
                const grant = await r.json();
                if (!r.ok) { show("failed", r.status + " " + grant.reason); return; }
                const socket = new WebSocket(grant.room_url, ["meshagent-room." + grant.token]);
                socket.onopen = () => show("connected", "connected to " + grant.room_name + " as " + grant.participant_name);
                socket.onclose = e => { if (state.dataset.state !== "connected") show("failed", "closed " + e.code); };
              })
              .catch(e => show("failed", String(e)));
            """;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String room = req.getPathInfo() == null ? "" : req.getPathInfo().substring(1);
        if (room.isEmpty()) {
            page(req, resp, "Rooms", "<ul id=\"suggested\"></ul>", LIST_SCRIPT);
        } else if (room.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            page(req, resp, "Room " + room, "<p id=\"state\" data-state=\"starting\" data-room=\"" + room
                    + "\">starting</p>", ROOM_SCRIPT);
        } else {
            resp.sendError(404);
        }
    }

    private static void page(HttpServletRequest req, HttpServletResponse resp, String title, String body, String script)
            throws IOException {
        String ctx = req.getContextPath(); // set by the test, never from the request
        resp.setContentType("text/html;charset=UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("Referrer-Policy", "no-referrer");
        resp.getWriter().print("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
                + "</title></head><body data-context=\"" + ctx + "\"><h1>" + title + "</h1>" + body
                + "<form method=\"post\" action=\"" + ctx + "/meshagent/logout\">"
                + "<button id=\"sign-out\" type=\"submit\">Sign out</button></form><script>" + script
                + "</script></body></html>");
    }
}
