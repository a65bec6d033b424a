package com.meshagent.filter.internal.servlet;

import com.meshagent.filter.internal.flow.Exchange;
import com.meshagent.filter.internal.flow.RequestKind;
import com.meshagent.filter.internal.flow.SessionView;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** {@link Exchange} over an {@link HttpServletRequest}. */
public final class ServletExchange implements Exchange {

    private final HttpServletRequest request;
    private final SessionView session;
    private String path; // worked out once: the engine and the router both ask for it

    public ServletExchange(HttpServletRequest request) {
        this.request = request;
        this.session = new HttpSessionView(request);
    }

    @Override
    public String method() {
        return request.getMethod().toUpperCase(Locale.ROOT);
    }

    @Override
    public String path() {
        String p = path;
        return p != null ? p : (path = servletPathAndInfo());
    }

    /** The container decodes and normalizes both parts (and refuses ambiguous encodings). */
    private String servletPathAndInfo() {
        String p = Objects.toString(request.getServletPath(), "") + Objects.toString(request.getPathInfo(), "");
        return p.isEmpty() ? "/" : p;
    }

    @Override
    public String contextPath() {
        return request.getContextPath();
    }

    @Override
    public String requestTarget() {
        String uri = request.getRequestURI();
        String ctx = request.getContextPath();
        String rel = uri.startsWith(ctx) ? uri.substring(ctx.length()) : uri;
        if (rel.isEmpty()) {
            rel = "/";
        }
        return request.getQueryString() == null ? rel : rel + "?" + request.getQueryString();
    }

    @Override
    public List<String> formParams(String name) {
        String type = request.getContentType();
        if (!"POST".equals(request.getMethod()) || type == null
                || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return List.of();
        }
        String[] values = request.getParameterValues(name);
        return values == null ? List.of() : List.of(values);
    }

    @Override
    public List<String> params(String name) {
        // query parameters only: the callback and login never read form bodies
        String q = request.getQueryString();
        if (q == null) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (name.equals(key)) {
                values.add(eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return values;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            // a malformed escape never equals a parameter name we look for, and never becomes a value
            return "\u0000";
        }
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(request.getHeader(name));
    }

    @Override
    public String origin() {
        return RequestKind.origin(request.getScheme(), request.getServerName(), request.getServerPort());
    }

    @Override
    public SessionView session() {
        return session;
    }
}
