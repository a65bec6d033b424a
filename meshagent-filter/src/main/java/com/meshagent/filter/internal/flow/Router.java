package com.meshagent.filter.internal.flow;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one place the filter's own paths are routed by (path, method): a table of routes, each a path (exact,
 * or with one {@code {room}} segment), the methods it takes and its handler. A known path with another method
 * is a {@code 405} naming the methods; an unknown path under {@code /meshagent} a {@code 404}. Handlers never
 * check the method themselves.
 */
final class Router {

    /** A handler of one endpoint. */
    interface Endpoint {
        Outcome handle(Exchange ex);
    }

    private interface Handler {
        Outcome handle(Exchange ex, String segment);
    }

    /** One row of the table; {@code wrongMethod} is the title of its 405. */
    private record Route(Template path, Set<String> methods, String wrongMethod, String wrongMethodDetail, Handler handler) {
        Route(String path, Set<String> methods, String wrongMethod, String wrongMethodDetail, Handler handler) {
            this(Template.of(path), methods, wrongMethod, wrongMethodDetail, handler);
        }

        String allow() {
            return String.join(", ", methods.stream().sorted().toList());
        }
    }

    /**
     * A route's path, split once at its {@code {room}} placeholder: {@code before} is the whole path and
     * {@code after} {@code null} when it has none.
     */
    record Template(String before, String after) {
        static Template of(String template) {
            int at = template.indexOf(ROOM);
            return at < 0 ? new Template(template, null)
                    : new Template(template.substring(0, at), template.substring(at + ROOM.length()));
        }

        /**
         * {@code ""} when {@code path} equals a template without a placeholder; the one segment standing for
         * {@code {room}} when it matches one with; {@code null} when it does not match.
         */
        String match(String path) {
            if (after == null) {
                return before.equals(path) ? "" : null;
            }
            if (!path.startsWith(before) || !path.endsWith(after) || path.length() <= before.length() + after.length()) {
                return null;
            }
            String segment = path.substring(before.length(), path.length() - after.length());
            return segment.indexOf('/') >= 0 ? null : segment;
        }
    }

    private static final Set<String> GET = Set.of("GET", "HEAD");
    private static final Set<String> GET_ONLY = Set.of("GET");
    private static final Set<String> POST = Set.of("POST");
    private static final String ROOM = "{room}";

    private final List<Route> routes;

    /** The table; {@link SignInEngine} passes the real handlers, tests fakes. */
    Router(Endpoint login, Endpoint callback, Endpoint logout, Endpoint session, Endpoint rooms,
            java.util.function.BiFunction<Exchange, String, Outcome> roomToken) {
        this.routes = List.of(
                new Route(Links.LOGIN, GET, "Use GET to sign in", null, (ex, s) -> login.handle(ex)),
                // we never ask for response_mode=form_post, so nothing legitimate arrives any other way
                new Route(Links.CALLBACK, GET_ONLY, "The callback accepts GET only", null, (ex, s) -> callback.handle(ex)),
                new Route(Links.LOGOUT, POST, "Sign out with the button",
                        "Signing out needs the Sign out button of this application's pages.", (ex, s) -> logout.handle(ex)),
                new Route(Links.SESSION, GET, "Use GET", null, (ex, s) -> session.handle(ex)),
                new Route(Links.ROOMS, GET, "Use GET", null, (ex, s) -> rooms.handle(ex)),
                new Route(Links.ROOMS + "/" + ROOM + "/token", POST, "Ask for a room token with POST", null,
                        roomToken::apply));
    }

    /** Routes a request whose path is {@code /meshagent} or below. */
    Outcome route(Exchange ex) {
        String path = ex.path();
        for (Route r : routes) {
            String segment = r.path().match(path);
            if (segment == null) {
                continue;
            }
            if (!r.methods().contains(ex.method())) {
                return new Outcome.MethodNotAllowed(r.allow(), Replies.error(ex, 405, Reason.METHOD_NOT_ALLOWED,
                        r.wrongMethod(), r.wrongMethodDetail() != null ? r.wrongMethodDetail() : "Allowed: " + r.allow() + ".",
                        Map.of("allow", r.allow())));
            }
            return r.handler().handle(ex, segment);
        }
        return new Outcome.Problem(404, Reason.NOT_FOUND, "No such MeshAgent endpoint", null);
    }
}
