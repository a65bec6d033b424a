package com.meshagent.devserver.http;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Jetty core handler that maps (method, path template) to an {@link Endpoint} and is the one place
 * replies and errors are written. Templates are {@code /a/{name}/b}; a path that matches a template
 * under another method gets 405 with {@code Allow}; no match gets 404.
 */
public final class Router extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    /**
     * How refusals are written: RFC 6749 §5.2 for OAuth endpoints, otherwise the REST shape of
     * {@link com.meshagent.devserver.protocol.InferredBehaviour#REST_ERROR_SHAPE}.
     */
    public enum ErrorStyle { OAUTH, REST }

    private record Route(String method, String[] segments, Endpoint endpoint, ErrorStyle style) {}

    private final List<Route> routes = new ArrayList<>();

    public Router add(String method, String template, ErrorStyle style, Endpoint endpoint) {
        routes.add(new Route(method, split(template), endpoint, style));
        return this;
    }

    public Router rest(String method, String template, Endpoint endpoint) {
        return add(method, template, ErrorStyle.REST, endpoint);
    }

    public Router oauth(String method, String template, Endpoint endpoint) {
        return add(method, template, ErrorStyle.OAUTH, endpoint);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getDecodedPath();
        String[] segments = split(path == null ? "/" : path);
        Set<String> allowed = new LinkedHashSet<>();
        ErrorStyle style = path != null && (path.startsWith("/oauth/") || path.startsWith("/.well-known/"))
                ? ErrorStyle.OAUTH : ErrorStyle.REST;
        for (Route route : routes) {
            Map<String, String> params = match(route.segments, segments);
            if (params == null) {
                continue;
            }
            style = route.style;
            if (!route.method.equals(request.getMethod())) {
                allowed.add(route.method);
                continue;
            }
            Call call = new Call(request, params);
            Reply reply = invoke(route, call);
            call.discardUnreadBody();
            write(response, callback, reply);
            return true;
        }
        if (!allowed.isEmpty()) {
            Reply reply = error(style, new ApiError(405, "method_not_allowed",
                    request.getMethod() + " is not allowed here; use " + String.join(", ", allowed)));
            Map<String, String> headers = new LinkedHashMap<>(reply.headers());
            headers.put("Allow", String.join(", ", allowed));
            write(response, callback, new Reply.Json(405, ((Reply.Json) reply).body(), headers));
            return true;
        }
        write(response, callback, error(style, ApiError.notFound("no such endpoint")));
        return true;
    }

    private Reply invoke(Route route, Call call) {
        try {
            return route.endpoint.handle(call);
        } catch (ApiError e) {
            LOG.info("{} {} refused: {} {} ({})", call.method(), call.path(), e.status(), e.code(), e.getMessage());
            return error(route.style, e);
        } catch (Exception | StackOverflowError e) {
            LOG.warn("{} {} failed", call.method(), call.path(), e);
            return error(route.style, new ApiError(500, "server_error", "internal error"));
        }
    }

    /** The error body in the route's style. */
    public static Reply error(ErrorStyle style, ApiError e) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (style == ErrorStyle.OAUTH) {
            body.put("error", oauthCode(e));
            body.put("error_description", e.getMessage());
        } else {
            body.put("error", Map.of("message", e.getMessage(), "code", e.code()));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "no-store");
        if (e.status() == 413) {
            // The rest of the body is never read, so the connection cannot carry another request.
            headers.put("Connection", "close");
        }
        if (e.status() == 401) {
            headers.put("WWW-Authenticate", style == ErrorStyle.REST ? "Bearer" : "Basic realm=\"meshagent-devserver\"");
        }
        return new Reply.Json(e.status(), body, headers);
    }

    private static String oauthCode(ApiError e) {
        return switch (e.code()) {
            case "invalid_json", "body_too_large", "unsupported_media_type", "method_not_allowed" -> "invalid_request";
            default -> e.code();
        };
    }

    static void write(Response response, Callback callback, Reply reply) {
        response.setStatus(reply.status());
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        reply.headers().forEach((k, v) -> response.getHeaders().put(k, v));
        byte[] bytes = new byte[0];
        if (reply instanceof Reply.Json json) {
            response.getHeaders().put("Content-Type", "application/json");
            bytes = JSONObjectUtils.toJSONString(json.body()).getBytes(StandardCharsets.UTF_8);
        } else if (reply instanceof Reply.Html html) {
            response.getHeaders().put("Content-Type", "text/html; charset=utf-8");
            response.getHeaders().put("Cache-Control", "no-store");
            response.getHeaders().put("Content-Security-Policy",
                    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
            response.getHeaders().put("X-Frame-Options", "DENY");
            response.getHeaders().put("Referrer-Policy", "no-referrer");
            bytes = html.html().getBytes(StandardCharsets.UTF_8);
        } else if (reply instanceof Reply.Redirect redirect) {
            response.getHeaders().put("Location", redirect.location());
            response.getHeaders().put("Cache-Control", "no-store");
            response.getHeaders().put("Referrer-Policy", "no-referrer");
        }
        if (bytes.length == 0) {
            response.write(true, org.eclipse.jetty.util.BufferUtil.EMPTY_BUFFER, callback);
        } else {
            response.getHeaders().put("Content-Length", String.valueOf(bytes.length));
            response.write(true, ByteBuffer.wrap(bytes), callback);
        }
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    private static Map<String, String> match(String[] template, String[] path) {
        if (template.length != path.length) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.startsWith("{") && t.endsWith("}")) {
                if (path[i].isEmpty()) {
                    return null;
                }
                params.put(t.substring(1, t.length() - 1), path[i]);
            } else if (!t.equals(path[i])) {
                return null;
            }
        }
        return params;
    }
}
