package com.meshagent.sample.web;

import static com.meshagent.sample.web.Html.esc;

import com.meshagent.filter.MeshAgentRequests;
import com.meshagent.filter.MeshAgentUser;
import com.meshagent.filter.room.RoomAccessPolicy;
import com.meshagent.filter.room.RoomName;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/** {@code /rooms}: the policy's suggested rooms and a field to go to any room by name. */
public final class RoomsPage extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Html html;
    private final transient RoomAccessPolicy policy;

    public RoomsPage(Html html, RoomAccessPolicy policy) {
        this.html = html;
        this.policy = policy;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        MeshAgentUser user = MeshAgentRequests.user(req).orElseThrow();
        String typed = req.getParameter("name");
        String error = null;
        if (typed != null) {
            String name = typed.trim();
            if (RoomName.isValid(name)) {
                resp.setHeader("Cache-Control", "no-store");
                resp.sendRedirect("/rooms/" + name);
                return;
            }
            error = RoomNames.RULE;
        }
        StringBuilder body = new StringBuilder("<h1>Rooms</h1>");
        if (error != null) {
            body.append("<div class=\"notice error\" id=\"room-name-error\">").append(esc(error)).append("</div>");
        }
        body.append("<section class=\"card\"><h2>Suggested for you</h2><ul class=\"rooms\" id=\"suggested\">");
        List<String> rooms = policy.suggestedRooms(user).stream().filter(RoomName::isValid).toList();
        for (String room : rooms) {
            body.append("<li><a href=\"/rooms/").append(esc(room)).append("\">").append(esc(room)).append("</a></li>");
        }
        if (rooms.isEmpty()) {
            body.append("<li class=\"muted\">No suggestions.</li>");
        }
        body.append("</ul></section>")
                .append("<section class=\"card\"><h2>Go to a room</h2>")
                .append("<form method=\"get\" action=\"/rooms\" class=\"row\"><div class=\"grow\">")
                .append("<label for=\"room-name\">Room name</label>")
                .append("<input type=\"text\" id=\"room-name\" name=\"name\" maxlength=\"63\" placeholder=\"e.g. lobby\" value=\"")
                .append(esc(typed == null ? "" : typed)).append("\" autocapitalize=\"none\" spellcheck=\"false\" required>")
                .append("</div><button type=\"submit\" id=\"go\">Open</button></form>")
                .append("<p class=\"muted\">").append(esc(RoomNames.RULE)).append("</p></section>");
        html.render(req, resp, error == null ? 200 : 400, "Rooms", "/rooms", body.toString());
    }
}
