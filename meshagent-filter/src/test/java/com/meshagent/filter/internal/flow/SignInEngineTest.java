package com.meshagent.filter.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.meshagent.filter.MeshAgentConfig;
import com.meshagent.filter.MeshAgentUser;
import com.meshagent.filter.internal.oauth.ProviderClient;
import com.meshagent.filter.internal.session.SignedInSession;
import com.meshagent.filter.internal.session.TokenSet;
import com.meshagent.filter.testing.FakeExchange;
import com.meshagent.filter.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The neutral engine with a hand-made exchange: routing, guarding, and the rooms-not-configured answer. */
class SignInEngineTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T08:00:00Z"));
    private final MeshAgentConfig config = MeshAgentConfig.builder().apiUrl("http://127.0.0.1:9").clientId("c")
            .redirectUri("http://app.example:8080/meshagent/callback").protectedPaths("/app/*").excludedPaths("/app/public/*")
            .clock(clock).build();
    private final SignInEngine engine = new SignInEngine(config, new ProviderClient(config), Optional.empty());

    @Test
    void unprotectedAndExcludedPathsContinueAnonymously() {
        assertNull(assertInstanceOf(Outcome.Continue.class, engine.handle(new FakeExchange("GET", "/home"))).user());
        assertNull(assertInstanceOf(Outcome.Continue.class, engine.handle(new FakeExchange("GET", "/app/public/x"))).user());
    }

    @Test
    void protectedPathWithValidTokensContinuesAsTheUserWithoutCallingTheProvider() {
        FakeExchange ex = new FakeExchange("GET", "/app/x");
        MeshAgentUser ada = new MeshAgentUser("http://127.0.0.1:9", "u1", "ada@example.com", "Ada");
        ex.session().put(SignedInSession.KEY, new SignedInSession(ada,
                new TokenSet("at", "rt", clock.instant().plus(Duration.ofMinutes(5)), null), 0));
        assertEquals(ada, assertInstanceOf(Outcome.Continue.class, engine.handle(ex)).user());
    }

    @Test
    void expiredTokenWithUnreachableProviderKeepsTheSessionAndAnswers503() {
        FakeExchange ex = new FakeExchange("GET", "/app/x").header("Accept", "application/json");
        MeshAgentUser ada = new MeshAgentUser("http://127.0.0.1:9", "u1", null, null);
        ex.session().put(SignedInSession.KEY, new SignedInSession(ada, new TokenSet("at", "rt", clock.instant(), null), 0));
        Outcome.Problem p = assertInstanceOf(Outcome.Problem.class, engine.handle(ex));
        assertEquals(503, p.status());
        assertEquals(Reason.PROVIDER_UNAVAILABLE, p.reason());
        assertEquals(ada, ex.session().get(SignedInSession.KEY, SignedInSession.class).orElseThrow().user());
    }

    @Test
    void roomEndpointsWithoutConfigurationSayWhatToSet() {
        Outcome.Problem p = assertInstanceOf(Outcome.Problem.class,
                engine.handle(new FakeExchange("POST", "/meshagent/rooms/lobby/token")));
        assertEquals(503, p.status());
        assertEquals(Reason.ROOMS_NOT_CONFIGURED, p.reason());
        assertEquals(RoomEndpoints.NOT_CONFIGURED, p.detail());
        assertEquals(503, assertInstanceOf(Outcome.Problem.class, engine.handle(new FakeExchange("GET", "/meshagent/rooms"))).status());
        assertEquals(404, assertInstanceOf(Outcome.Problem.class, engine.handle(new FakeExchange("GET", "/meshagent/nope"))).status());
    }

    @Test
    void refusedSignOutPagesLeadBackIntoTheApplicationAndKeepTheSession() {
        MeshAgentUser ada = new MeshAgentUser("http://127.0.0.1:9", "u1", "ada@example.com", "Ada");
        FakeExchange crossSite = new FakeExchange("POST", "/meshagent/logout").header("Sec-Fetch-Site", "cross-site")
                .header("Origin", "null");
        crossSite.session().put(SignedInSession.KEY, new SignedInSession(ada,
                new TokenSet("at", "rt", clock.instant().plus(Duration.ofMinutes(5)), null), 0));
        Outcome.Page refused = assertInstanceOf(Outcome.Page.class, engine.handle(crossSite));
        assertEquals(403, refused.status());
        assertEquals("Sign-out refused", refused.title());
        assertEquals("/", refused.linkHref());
        assertEquals("Back to the application", refused.linkText());
        assertEquals(ada, crossSite.session().get(SignedInSession.KEY, SignedInSession.class).orElseThrow().user());

        Outcome.Page typed = assertInstanceOf(Outcome.Page.class,
                engine.handle(new FakeExchange("GET", "/meshagent/logout").header("Sec-Fetch-Mode", "navigate")));
        assertEquals(405, typed.status());
        assertEquals("/", typed.linkHref());

        Outcome.Problem script = assertInstanceOf(Outcome.Problem.class, engine.handle(new FakeExchange("POST",
                "/meshagent/logout").header("Accept", "application/json").header("Origin", "https://evil.example")));
        assertEquals(Reason.CROSS_ORIGIN, script.reason());
    }

    @Test
    void signOutFromAPageWithReferrerPolicyNoReferrerIsAccepted() {
        // what Chromium sends for the Sign out form of a page served with Referrer-Policy: no-referrer
        FakeExchange ex = new FakeExchange("POST", "/meshagent/logout").header("Sec-Fetch-Site", "same-origin")
                .header("Sec-Fetch-Mode", "navigate").header("Origin", "null");
        assertEquals("/", assertInstanceOf(Outcome.Redirect.class, engine.handle(ex)).location());
    }
}
