package com.meshagent.sample.web;

import static com.meshagent.sample.web.Html.esc;

import com.meshagent.filter.MeshAgentRequests;
import com.meshagent.filter.MeshAgentUser;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/** {@code /}: public. Signed out, a "Sign in with MeshAgent" button; signed in, who you are and Sign out. */
public final class HomePage extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Html html;
    private final String providerLabel;

    public HomePage(Html html, String providerLabel) {
        this.html = html;
        this.providerLabel = providerLabel;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Optional<MeshAgentUser> user = MeshAgentRequests.user(req);
        StringBuilder body = new StringBuilder();
        if (user.isEmpty()) {
            body.append("<section class=\"card hero\"><h1>Rooms for your team, with MeshAgent</h1>")
                    .append("<p>Sign in with your MeshAgent account to join rooms, chat with the people in them and ask ")
                    .append("the MeshAgent LLM proxy a question.</p>")
                    .append("<a class=\"button\" id=\"sign-in\" href=\"")
                    .append(esc(MeshAgentRequests.loginUrl(req, "/"))).append("\">Sign in with MeshAgent</a>")
                    .append("<p class=\"muted\">Signing in through ").append(esc(providerLabel)).append(".</p></section>");
        } else {
            MeshAgentUser u = user.get();
            body.append("<section class=\"card\"><h1>Welcome, <span id=\"user-name\">").append(esc(u.displayName()))
                    .append("</span></h1><p class=\"muted\">Signed in as <strong id=\"user-email\">")
                    .append(esc(u.email() == null ? "(no email)" : u.email()))
                    .append("</strong> through ").append(esc(providerLabel)).append(".</p>")
                    .append("<div class=\"row\"><a class=\"button\" href=\"/rooms\">Choose a room</a>")
                    .append("<a class=\"button secondary\" href=\"/ask\">Ask the LLM</a>")
                    .append("<form class=\"inline\" method=\"post\" action=\"/meshagent/logout\">")
                    .append("<button class=\"secondary\" id=\"home-sign-out\" type=\"submit\">Sign out</button></form>")
                    .append("</div></section>");
        }
        html.render(req, resp, 200, "Home", "/", body.toString());
    }
}
