package com.meshagent.sample.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Everything no other page claims. */
public final class NotFoundPage extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Html html;

    public NotFoundPage(Html html) {
        this.html = html;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        html.render(req, resp, HttpServletResponse.SC_NOT_FOUND, "Not found", "",
                "<section class=\"card\"><h1>Page not found</h1><p><a href=\"/\">Back home</a></p></section>");
    }
}
