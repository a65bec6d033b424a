package com.meshagent.sample.web;

import static com.meshagent.sample.web.Html.esc;

import com.meshagent.filter.MeshAgentRequests;
import com.meshagent.filter.MeshAgentUser;
import com.meshagent.filter.room.RoomAccess;
import com.meshagent.filter.room.RoomAccessPolicy;
import com.meshagent.filter.room.RoomName;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code /rooms/{name}}: the room. The page itself holds no token: its script ({@code /static/room.js})
 * POSTs to the filter's {@code /meshagent/rooms/{name}/token} and joins with the official MeshAgent client.
 * The page asks the policy first so a denied room shows its reason without loading the client, and says
 * what is missing when no API key is configured.
 */
public final class RoomPage extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Html html;
    private final transient RoomAccessPolicy policy;
    private final boolean roomsConfigured;

    /** @param roomsConfigured whether an API key is configured, without which no participant token can be minted */
    public RoomPage(Html html, RoomAccessPolicy policy, boolean roomsConfigured) {
        this.html = html;
        this.policy = policy;
        this.roomsConfigured = roomsConfigured;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        MeshAgentUser user = MeshAgentRequests.user(req).orElseThrow();
        String path = req.getPathInfo();
        String name = path == null ? "" : path.substring(1);
        if (!RoomName.isValid(name)) {
            html.render(req, resp, HttpServletResponse.SC_NOT_FOUND, "No such room", "/rooms",
                    "<section class=\"card\"><h1>That is not a room name</h1><p>" + esc(RoomNames.RULE)
                            + "</p><p><a href=\"/rooms\">Back to rooms</a></p></section>");
            return;
        }
        if (!roomsConfigured) {
            html.render(req, resp, HttpServletResponse.SC_SERVICE_UNAVAILABLE, name, "/rooms",
                    "<section class=\"card\"><h1>" + esc(name) + "</h1><div class=\"notice warn\" id=\"rooms-not-configured\">"
                            + "Joining rooms needs a MeshAgent API key, and none is configured. Set "
                            + "<code>MESHAGENT_API_KEY</code> (a <code>ma-...</code> key of your project, which signs "
                            + "participant tokens) and <code>MESHAGENT_PROJECT_ID</code>, then restart the app.</div>"
                            + "<p><a href=\"/rooms\">Back to rooms</a></p></section>");
            return;
        }
        RoomAccess access = policy.decide(user, name);
        if (access instanceof RoomAccess.Denied denied) {
            html.render(req, resp, HttpServletResponse.SC_FORBIDDEN, name, "/rooms",
                    "<section class=\"card\"><h1>" + esc(name) + "</h1><div class=\"notice error\" id=\"denied\">"
                            + esc(denied.reason()) + "</div><p><a href=\"/rooms\">Back to rooms</a></p></section>");
            return;
        }
        RoomAccess.Allowed allowed = (RoomAccess.Allowed) access;
        String body = "<div id=\"room\" data-token-url=\"/meshagent/rooms/" + esc(name) + "/token\">"
                + "<div class=\"row spread\"><h1>" + esc(name) + "</h1>"
                + "<span class=\"badge\" id=\"role\">joining as " + esc(allowed.role().wire()) + "</span></div>"
                + "<p id=\"state\" data-state=\"starting\">Starting…</p>"
                + "<div class=\"room\"><aside class=\"card\"><h2>Participants</h2><ul id=\"participants\"></ul></aside>"
                + "<section class=\"card\"><h2>Messages</h2><ul id=\"messages\" aria-live=\"polite\"></ul>"
                + "<form id=\"message-form\" class=\"row\" autocomplete=\"off\"><div class=\"grow\">"
                + "<label for=\"message-input\" class=\"muted plain\">Message</label>"
                + "<input type=\"text\" id=\"message-input\" maxlength=\"2000\" disabled></div>"
                + "<button type=\"submit\" id=\"send\" disabled>Send</button></form></section></div></div>";
        html.renderWithScript(req, resp, name, "/rooms", body, "/static/room.js");
    }
}
