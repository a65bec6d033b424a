package com.meshagent.devserver.http;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.Request;

/**
 * One request as the endpoints see it: method, path parameters, headers, a size-capped body and the
 * parsers for the body formats the devserver accepts (form and JSON). Parsing errors become
 * {@link ApiError}s with 400/413/415.
 */
public final class Call {
    /** Largest request body accepted (413 above). */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** An oversized body up to this size is read and discarded before the 413 goes out. */
    static final int DRAIN_LIMIT = 1024 * 1024;
    /** Deepest JSON nesting accepted; keeps a hostile body from exhausting the parser's stack. */
    static final int MAX_JSON_DEPTH = 32;

    private final Request request;
    private final Map<String, String> pathParams;
    private byte[] body;

    Call(Request request, Map<String, String> pathParams) {
        this.request = request;
        this.pathParams = pathParams;
    }

    public String method() {
        return request.getMethod();
    }

    public String path() {
        return request.getHttpURI().getDecodedPath();
    }

    /** A path parameter named in the route template, e.g. {@code {client_id}}. */
    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no path parameter " + name);
        }
        return value;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(request.getHeaders().get(name));
    }

    /** The credential of an {@code Authorization: Bearer} header, if there is exactly one such header. */
    public Optional<String> bearer() {
        List<String> values = request.getHeaders().getValuesList("Authorization");
        if (values.size() != 1) {
            return Optional.empty();
        }
        String v = values.get(0).trim();
        if (v.length() > 7 && v.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = v.substring(7).trim();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        }
        return Optional.empty();
    }

    /** Query parameters, each with all its values in order. */
    public Map<String, List<String>> query() {
        String q = request.getHttpURI().getQuery();
        return q == null ? Map.of() : parseForm(q);
    }

    /** The raw body, at most {@link #MAX_BODY_BYTES}; 413 when larger. */
    public byte[] body() throws IOException {
        if (body != null) {
            return body;
        }
        long declared = request.getLength();
        if (declared > DRAIN_LIMIT) {
            throw tooLarge();
        }
        try (InputStream in = Request.asInputStream(request)) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                // Read the rest (bounded) so the client sees the 413 instead of a reset connection.
                long drained = 0;
                byte[] sink = new byte[8192];
                int n;
                while (drained < DRAIN_LIMIT && (n = in.read(sink)) > 0) {
                    drained += n;
                }
                throw tooLarge();
            }
            body = bytes;
            return body;
        }
    }

    /**
     * Reads (bounded) a body the endpoint never asked for, so a refusal sent early does not leave unread bytes
     * behind: Jetty would then drop the connection under a pooling client that is about to reuse it.
     */
    void discardUnreadBody() {
        if (body != null) {
            return;
        }
        try {
            body();
        } catch (IOException | ApiError e) {
            // the reply is already decided; an unreadable or oversized body changes nothing
        }
    }

    private static ApiError tooLarge() {
        return new ApiError(413, "body_too_large", "request body exceeds " + MAX_BODY_BYTES + " bytes");
    }

    /** The media type of the body, lower-case, without parameters ("" when absent). */
    public String mediaType() {
        String ct = request.getHeaders().get("Content-Type");
        if (ct == null) {
            return "";
        }
        int semi = ct.indexOf(';');
        return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(java.util.Locale.ROOT);
    }

    /** The body as a JSON object; 400 when it is not one, 415 when the content type is not JSON. */
    public Map<String, Object> jsonObject() throws IOException {
        if (!mediaType().equals("application/json")) {
            throw new ApiError(415, "unsupported_media_type", "expected Content-Type application/json");
        }
        return parseJsonObject(new String(body(), StandardCharsets.UTF_8));
    }

    /**
     * Body parameters of a form ({@code application/x-www-form-urlencoded}) or a flat JSON object
     * (string values), as OAuth endpoints accept both (docs/meshagent-protocol.md §2.3).
     */
    public Map<String, List<String>> formOrJsonParams() throws IOException {
        String type = mediaType();
        if (type.equals("application/x-www-form-urlencoded")) {
            return parseForm(new String(body(), StandardCharsets.UTF_8));
        }
        if (type.equals("application/json")) {
            Map<String, Object> json = parseJsonObject(new String(body(), StandardCharsets.UTF_8));
            Map<String, List<String>> params = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : json.entrySet()) {
                Object v = e.getValue();
                if (v == null) {
                    continue;
                }
                if (v instanceof String || v instanceof Number || v instanceof Boolean) {
                    params.put(e.getKey(), List.of(String.valueOf(v)));
                } else {
                    throw ApiError.badRequest("invalid_request", "parameter " + e.getKey() + " must be a string");
                }
            }
            return params;
        }
        throw new ApiError(415, "unsupported_media_type",
                "expected Content-Type application/x-www-form-urlencoded or application/json");
    }

    /** Parses {@code a=1&b=2} (UTF-8 percent-encoding); 400 on malformed escapes. */
    public static Map<String, List<String>> parseForm(String form) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (form.isEmpty()) {
            return out;
        }
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        out.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("invalid_request", "malformed percent-encoding in form data");
        }
    }

    /** Parses a JSON object with bounded size and nesting; 400 with code {@code invalid_json} otherwise. */
    public static Map<String, Object> parseJsonObject(String text) {
        if (!depthWithin(text, MAX_JSON_DEPTH)) {
            throw ApiError.badRequest("invalid_json", "JSON nested deeper than " + MAX_JSON_DEPTH);
        }
        try {
            Map<String, Object> parsed = JSONObjectUtils.parse(text, MAX_BODY_BYTES);
            if (parsed == null) {
                throw ApiError.badRequest("invalid_json", "body must be a JSON object");
            }
            return parsed;
        } catch (ParseException | RuntimeException e) {
            if (e instanceof ApiError a) {
                throw a;
            }
            throw ApiError.badRequest("invalid_json", "body is not a valid JSON object");
        }
    }

    private static boolean depthWithin(String text, int max) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > max) {
                    return false;
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return true;
    }
}
