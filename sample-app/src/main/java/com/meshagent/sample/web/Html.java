package com.meshagent.sample.web;

import com.meshagent.filter.MeshAgentRequests;
import com.meshagent.filter.MeshAgentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jetty.util.StringUtil;

/**
 * The page shell every page shares (header, navigation, sign-out form, footer) and HTML escaping.
 * Every value that reaches HTML goes through {@link #esc}.
 */
public final class Html {

    private final String contentSecurityPolicy;

    /** @param roomOrigin the room websocket's origin (e.g. {@code ws://127.0.0.1:8081}), allowed in connect-src */
    public Html(String roomOrigin) {
        this.contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self' " + roomOrigin + "; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    }

    /**
     * Escapes text for use in element content and quoted attributes, with Jetty's escaper (which also turns
     * control characters into {@code ?}); {@code null} is empty.
     */
    public static String esc(Object value) {
        return value == null ? "" : StringUtil.sanitizeXmlString(value.toString());
    }

    /** A notice box of {@code kind} (ok, warn, error) with element id {@code id}; {@code text} is escaped. */
    public static String notice(String kind, String id, String text) {
        return "<div class=\"notice " + kind + "\" id=\"" + id + "\">" + esc(text) + "</div>";
    }

    /** Writes a full page with {@code status}; {@code body} must already be escaped HTML. */
    public void render(HttpServletRequest req, HttpServletResponse resp, int status, String title, String active,
            String body) throws IOException {
        write(req, resp, status, title, active, body, "");
    }

    /** Like {@link #render} and loads the ES module {@code script} (a path under /static/). */
    public void renderWithScript(HttpServletRequest req, HttpServletResponse resp, String title, String active,
            String body, String script) throws IOException {
        write(req, resp, HttpServletResponse.SC_OK, title, active, body,
                "<script type=\"module\" src=\"" + esc(script) + "\"></script>");
    }

    private void write(HttpServletRequest req, HttpServletResponse resp, int status, String title, String active,
            String body, String scripts) throws IOException {
        Optional<MeshAgentUser> user = MeshAgentRequests.user(req);
        StringBuilder page = new StringBuilder(4096);
        page.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(title)).append(" · MeshAgent sample</title>")
                .append("<link rel=\"stylesheet\" href=\"/static/app.css\"></head><body>")
                .append("<header class=\"top\"><a class=\"brand\" href=\"/\"><span class=\"mark\"></span>Meshroom</a>")
                .append("<nav class=\"main\">");
        if (user.isPresent()) {
            nav(page, active, "/rooms", "Rooms");
            nav(page, active, "/ask", "Ask");
            nav(page, active, "/admin", "Admin");
        }
        page.append("</nav><div class=\"who\">");
        if (user.isPresent()) {
            page.append("<span id=\"who\">").append(esc(user.get().displayName())).append("</span>")
                    .append("<form class=\"inline\" method=\"post\" action=\"/meshagent/logout\">")
                    .append("<button class=\"secondary\" id=\"sign-out\" type=\"submit\">Sign out</button></form>");
        } else {
            page.append("<a class=\"button\" href=\"").append(esc(MeshAgentRequests.loginUrl(req, "/rooms")))
                    .append("\">Sign in</a>");
        }
        page.append("</div></header><main>").append(body).append("</main>")
                .append("<footer>A sample of <code>meshagent-filter</code>: Sign in with MeshAgent on embedded Jetty.</footer>")
                .append(scripts).append("</body></html>");

        resp.setStatus(status);
        resp.setContentType("text/html");
        resp.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("Content-Security-Policy", contentSecurityPolicy);
        // same-origin: our own form POSTs carry their real Origin, other sites learn nothing (not even our origin)
        resp.setHeader("Referrer-Policy", "same-origin");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.getWriter().write(page.toString());
    }

    private static void nav(StringBuilder page, String active, String href, String label) {
        page.append("<a href=\"").append(href).append('"')
                .append(href.equals(active) ? " class=\"active\"" : "")
                .append('>').append(esc(label)).append("</a>");
    }
}
