package com.meshagent.filter.internal.servlet;

import com.meshagent.filter.internal.flow.Outcome;
import com.meshagent.filter.internal.json.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes every {@link Outcome} but {@link Outcome.Continue}: the one place HTTP answers are made. A JSON answer
 * arrives as its text (a room token's was written once, when the token was minted: docs/benchmarks.md); only a
 * problem document is turned into JSON here, by {@link Json#write}.
 */
public final class OutcomeWriter {

    private OutcomeWriter() {}

    public static void write(Outcome outcome, HttpServletResponse response) throws IOException {
        if (outcome instanceof Outcome.MethodNotAllowed m) {
            response.setHeader("Allow", m.allow());
            write(m.answer(), response);
            return;
        }
        // every answer: never stored by a cache, never sniffed as another type than it says
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (outcome instanceof Outcome.Redirect || outcome instanceof Outcome.Page) {
            // what a browser navigates to: the callback's URL holds the code and state, so neither the redirect
            // nor a page may send it on as a Referer; Pragma for HTTP/1.0 caches in between. A JSON answer is
            // never navigated to, and a room page asks for one on every join: it gets neither header.
            response.setHeader("Pragma", "no-cache");
            response.setHeader("Referrer-Policy", "no-referrer");
        }
        if (outcome instanceof Outcome.Redirect r) {
            response.setStatus(r.status());
            response.setHeader("Location", r.location());
        } else if (outcome instanceof Outcome.Json j) {
            body(response, j.status(), "application/json", j.text());
        } else if (outcome instanceof Outcome.Problem p) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("type", "about:blank");
            doc.put("title", p.title());
            doc.put("status", p.status());
            if (p.detail() != null) {
                doc.put("detail", p.detail());
            }
            doc.put("reason", p.reason().code());
            doc.putAll(p.extra());
            body(response, p.status(), "application/problem+json", Json.write(doc));
        } else if (outcome instanceof Outcome.Page page) {
            response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
            body(response, page.status(), "text/html", html(page));
        } else {
            throw new IllegalArgumentException("not an answer: " + outcome.getClass().getSimpleName());
        }
    }

    private static void body(HttpServletResponse response, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(type + ";charset=UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    static String html(Outcome.Page p) {
        StringBuilder b = new StringBuilder(512);
        b.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(p.title()))
                .append("</title><style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;"
                        + "padding:0 1rem}</style></head><body><h1>")
                .append(escape(p.title())).append("</h1><p>").append(escape(p.message())).append("</p>")
                .append("<p><a href=\"").append(escape(p.linkHref())).append("\">").append(escape(p.linkText()))
                .append("</a></p>");
        return b.append("</body></html>").toString();
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
