package com.meshagent.filter.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.meshagent.filter.testing.FakeExchange;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every (path, method) of the filter's own endpoints, against fake handlers that say which one ran. */
class RouterTest {

    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

    /** path, the handler it reaches, the methods it takes. */
    private record Row(String path, String handler, List<String> methods) {}

    private static final List<Row> TABLE = List.of(
            new Row("/meshagent/login", "login", List.of("GET", "HEAD")),
            new Row("/meshagent/callback", "callback", List.of("GET")),
            new Row("/meshagent/logout", "logout", List.of("POST")),
            new Row("/meshagent/session", "session", List.of("GET", "HEAD")),
            new Row("/meshagent/rooms", "rooms", List.of("GET", "HEAD")),
            new Row("/meshagent/rooms/team-a/token", "roomToken team-a", List.of("POST")));

    private final Router router = new Router(ex -> ran("login"), ex -> ran("callback"), ex -> ran("logout"),
            ex -> ran("session"), ex -> ran("rooms"), (ex, room) -> ran("roomToken " + room));

    private static Outcome ran(String handler) {
        return new Outcome.Json(200, Map.of("handler", handler));
    }

    @Test
    void everyPathAndMethodReachesItsHandlerOrIsA405NamingTheAllowedMethods() {
        for (Row row : TABLE) {
            for (String method : METHODS) {
                Outcome out = router.route(new FakeExchange(method, row.path()).header("Accept", "application/json"));
                String what = method + " " + row.path();
                if (row.methods().contains(method)) {
                    assertEquals("{\"handler\":\"" + row.handler() + "\"}", assertInstanceOf(Outcome.Json.class, out, what).text(), what);
                } else {
                    String allow = String.join(", ", row.methods().stream().sorted().toList());
                    Outcome.MethodNotAllowed refused = assertInstanceOf(Outcome.MethodNotAllowed.class, out, what);
                    assertEquals(allow, refused.allow(), what);
                    Outcome.Problem p = assertInstanceOf(Outcome.Problem.class, refused.answer(), what);
                    assertEquals(405, p.status(), what);
                    assertEquals(Reason.METHOD_NOT_ALLOWED, p.reason(), what);
                    assertEquals(allow, p.extra().get("allow"), what);
                }
            }
        }
    }

    @Test
    void aBrowserNavigationWithTheWrongMethodGetsAPageBackIntoTheApplication() {
        Outcome.MethodNotAllowed refused = assertInstanceOf(Outcome.MethodNotAllowed.class, router.route(
                new FakeExchange("GET", "/meshagent/logout").header("Sec-Fetch-Mode", "navigate")));
        assertEquals("POST", refused.allow());
        Outcome.Page page = assertInstanceOf(Outcome.Page.class, refused.answer());
        assertEquals(405, page.status());
        assertEquals("Sign out with the button", page.title());
        assertEquals("/", page.linkHref());
    }

    @Test
    void unknownPathsUnderThePrefixAre404ForEveryMethod() {
        for (String path : List.of("/meshagent", "/meshagent/", "/meshagent/nope", "/meshagent/login/", "/meshagent/rooms/",
                "/meshagent/rooms//token", "/meshagent/rooms/a/b/token", "/meshagent/rooms/a/token/x",
                "/meshagent/rooms/token", "/meshagent/LOGIN")) {
            for (String method : METHODS) {
                Outcome.Problem p = assertInstanceOf(Outcome.Problem.class, router.route(new FakeExchange(method, path)),
                        method + " " + path);
                assertEquals(404, p.status());
                assertEquals(Reason.NOT_FOUND, p.reason());
            }
        }
    }

    @Test
    void templatesMatchOneNonEmptySegment() {
        assertEquals("", Router.Template.of("/meshagent/login").match("/meshagent/login"));
        assertEquals("x", Router.Template.of("/meshagent/rooms/{room}/token").match("/meshagent/rooms/x/token"));
        assertNull(Router.Template.of("/meshagent/rooms/{room}/token").match("/meshagent/rooms//token"));
        assertNull(Router.Template.of("/meshagent/rooms/{room}/token").match("/meshagent/rooms/token"));
        assertNull(Router.Template.of("/meshagent/rooms/{room}/token").match("/meshagent/rooms/a/b/token"));
    }
}
