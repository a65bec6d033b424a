package com.meshagent.sample.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Serves the stylesheet and the bundled room script from the classpath ({@code static/}). Only the files
 * named here are served, so nothing else on the classpath can be read through this servlet.
 */
public final class StaticFiles extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final Map<String, String> FILES = Map.of(
            "/app.css", "text/css; charset=utf-8",
            "/room.js", "text/javascript; charset=utf-8");

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo();
        String type = path == null ? null : FILES.get(path);
        try (InputStream in = type == null ? null : StaticFiles.class.getResourceAsStream("/static" + path)) {
            if (in == null) {
                resp.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            resp.setContentType(type);
            resp.setHeader("Cache-Control", "no-cache");
            resp.setHeader("X-Content-Type-Options", "nosniff");
            in.transferTo(resp.getOutputStream());
        }
    }
}
