package com.meshagent.filter.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.filter.testing.FakeExchange;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    /**
     * The same-origin rule, one row per header combination a browser or a script may send ({@code -}: header
     * absent). The request's own origin is {@code http://app.example:8080} (FakeExchange); the configured
     * app origin is {@code https://app.example}.
     */
    @ParameterizedTest(name = "Sec-Fetch-Site={0} Origin={1} Referer={2}: {3} ({4})")
    @CsvSource(delimiter = '|', textBlock = """
            same-origin | -                           | -                     | true  | fetch metadata alone (Origin left out)
            same-origin | null                        | -                     | true  | Chromium's form POST under Referrer-Policy no-referrer
            same-origin | http://app.example:8080     | -                     | true  | the usual same-origin POST
            same-origin | https://app.example         | -                     | true  | the configured app origin (behind a proxy)
            SAME-ORIGIN | null                        | -                     | true  | tokens compared without case
            same-origin | https://evil.example        | -                     | false | the two headers disagree: not a browser
            same-site   | http://app.example:8080     | -                     | false | a sibling subdomain is another origin
            same-site   | -                           | -                     | false | a sibling subdomain is another origin
            cross-site  | null                        | -                     | false | a data: or sandboxed page elsewhere
            cross-site  | -                           | -                     | false | another site
            cross-site  | http://app.example:8080     | -                     | false | Sec-Fetch-Site is the browser's word and comes first
            none        | -                           | -                     | false | user-initiated: never a POST from our pages
            none        | http://app.example:8080     | -                     | false | user-initiated: never a POST from our pages
            bogus       | http://app.example:8080     | -                     | false | an unknown value is not same-origin
            -           | http://app.example:8080     | -                     | true  | no fetch metadata (older browser): Origin decides
            -           | https://app.example         | -                     | true  | no fetch metadata: the configured app origin
            -           | HTTP://APP.EXAMPLE:8080     | -                     | true  | origins compared without case
            -           | https://evil.example        | -                     | false | another origin
            -           | https://app.example.evil.com | -                    | false | a prefix is not the origin
            -           | http://app.example:8080/    | -                     | false | not a serialized origin
            -           | null                        | -                     | false | opaque and no browser says it is ours
            -           | -                           | -                     | false | neither header: a script must send Origin
            -           | -                           | http://app.example:8080/rooms | false | Referer is never enough
            -           | null                        | http://app.example:8080/rooms | false | Referer is never enough
            """)
    void sameOriginFollowsFetchMetadataThenOrigin(String site, String origin, String referer, boolean expected,
            String why) {
        FakeExchange ex = new FakeExchange("POST", "/meshagent/logout");
        if (!site.equals("-")) {
            ex.header("Sec-Fetch-Site", site);
        }
        if (!origin.equals("-")) {
            ex.header("Origin", origin);
        }
        if (!referer.equals("-")) {
            ex.header("Referer", referer);
        }
        assertEquals(expected, RequestKind.sameOrigin(ex, REDIRECT), why);
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
