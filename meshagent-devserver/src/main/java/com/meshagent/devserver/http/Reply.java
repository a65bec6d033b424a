package com.meshagent.devserver.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an endpoint answers. The {@link Router} is the only code that writes a reply to Jetty, so every
 * endpoint is a plain function from a {@link Call} to a {@code Reply}.
 */
public sealed interface Reply {

    int status();

    Map<String, String> headers();

    /** A JSON object body. */
    record Json(int status, Map<String, ?> body, Map<String, String> headers) implements Reply {}

    /** An HTML page (already escaped by its author). */
    record Html(int status, String html, Map<String, String> headers) implements Reply {}

    /** A redirect; {@code location} must be an absolute URI the server chose, never one taken unchecked from a request. */
    record Redirect(int status, String location, Map<String, String> headers) implements Reply {}

    /** No body (e.g. 204). */
    record Empty(int status, Map<String, String> headers) implements Reply {}

    static Json json(int status, Map<String, ?> body) {
        return new Json(status, body, Map.of());
    }

    static Json ok(Map<String, ?> body) {
        return json(200, body);
    }

    /** JSON that must never be cached (token responses, anything with a credential). */
    static Json noStore(int status, Map<String, ?> body) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Cache-Control", "no-store");
        h.put("Pragma", "no-cache");
        return new Json(status, body, h);
    }

    static Html html(int status, String html) {
        return new Html(status, html, Map.of());
    }

    static Redirect redirect(String location) {
        return new Redirect(303, location, Map.of());
    }

    static Empty empty(int status) {
        return new Empty(status, Map.of());
    }
}
