package com.meshagent.filter.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.filter.testing.FakeExchange;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which requests want JSON (401 instead of a redirect), which are same-origin (TH-16), which paths are guarded. */
class RequestKindTest {

    private static final String REDIRECT = RequestKind.originOf(URI.create("https://app.example/meshagent/callback"));

    @Test
    void scriptsWantJsonAndNavigationsDoNot() {
        assertTrue(RequestKind.wantsJson(new FakeExchange("GET", "/x").header("Accept", "application/json")));
        assertTrue(RequestKind.wantsJson(new FakeExchange("GET", "/x").header("Accept", "application/problem+json")));
        assertTrue(RequestKind.wantsJson(new FakeExchange("GET", "/x").header("X-Requested-With", "XMLHttpRequest")));
        assertTrue(RequestKind.wantsJson(new FakeExchange("GET", "/x").header("Sec-Fetch-Mode", "cors")));
        assertFalse(RequestKind.wantsJson(new FakeExchange("GET", "/x").header("Sec-Fetch-Mode", "navigate")
                .header("Accept", "text/html,application/xhtml+xml,application/json;q=0.9")));
        assertFalse(RequestKind.wantsJson(new FakeExchange("GET", "/x")));
    }

    @Test
    void onlyOurOwnOriginCountsAsSameOrigin() {
        assertTrue(RequestKind.sameOrigin(new FakeExchange("POST", "/x").header("Sec-Fetch-Site", "same-origin"), REDIRECT));
        assertFalse(RequestKind.sameOrigin(new FakeExchange("POST", "/x").header("Sec-Fetch-Site", "same-site")
                .header("Origin", "http://app.example:8080"), REDIRECT), "Sec-Fetch-Site wins when present");
        assertTrue(RequestKind.sameOrigin(new FakeExchange("POST", "/x").header("Origin", "http://app.example:8080"), REDIRECT));
        assertTrue(RequestKind.sameOrigin(new FakeExchange("POST", "/x").header("Origin", "https://app.example"), REDIRECT));
        assertFalse(RequestKind.sameOrigin(new FakeExchange("POST", "/x").header("Origin", "https://app.example.evil.com"), REDIRECT));
        assertFalse(RequestKind.sameOrigin(new FakeExchange("POST", "/x").header("Origin", "null"), REDIRECT));
        assertFalse(RequestKind.sameOrigin(new FakeExchange("POST", "/x"), REDIRECT), "neither header: refused");
        assertFalse(RequestKind.sameOrigin(new FakeExchange("POST", "/x").header("Sec-Fetch-Site", "same-origin")
                .header("Origin", "https://evil.example"), REDIRECT), "both headers must agree");
        assertFalse(RequestKind.sameOrigin(new FakeExchange("POST", "/x").header("Sec-Fetch-Site", "same-origin")
                .header("Origin", "null"), REDIRECT), "an opaque origin is never ours");
    }

    @Test
    void pathPatternsMatchLikeServletMappings() {
        PathPatterns p = new PathPatterns(List.of("/app/*", "/admin", "*.jsp"));
        assertTrue(p.matches("/app"));
        assertTrue(p.matches("/app/x/y"));
        assertFalse(p.matches("/application"));
        assertTrue(p.matches("/admin"));
        assertFalse(p.matches("/admin/x"));
        assertTrue(p.matches("/a/b/page.jsp"));
        assertFalse(p.matches("/a/page.jspx"));
        assertTrue(p.matches("/app/"));
        assertFalse(p.matches("/ap"));
        assertFalse(p.matches("/"));
        assertTrue(p.matches("/.jsp"));
        assertFalse(p.matches("/jsp"));
        assertFalse(new PathPatterns(List.of("*.a/b")).matches("/x.a/b"), "an extension never spans a slash");
        assertTrue(new PathPatterns(List.of("/*")).matches("/anything"));
    }

    @Test
    void originsDropTheDefaultPortAndLowerCase() {
        assertEquals("https://app.example", RequestKind.origin("HTTPS", "App.Example", 443));
        assertEquals("http://app.example", RequestKind.origin("http", "app.example", 80));
        assertEquals("http://app.example:443", RequestKind.origin("http", "app.example", 443));
        assertEquals("https://app.example:8443", RequestKind.origin("https", "app.example", 8443));
        assertEquals("https://app.example", RequestKind.originOf(URI.create("https://app.example/cb")));
    }
}
