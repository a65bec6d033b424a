package com.meshagent.filter.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.meshagent.filter.MeshAgentConfig;
import com.meshagent.filter.MeshAgentUser;
import com.meshagent.filter.internal.session.SignedInSession;
import com.meshagent.filter.internal.session.TokenSet;
import com.meshagent.filter.room.ApiScope;
import com.meshagent.filter.room.ParticipantRole;
import com.meshagent.filter.room.RoomAccessPolicy;
import com.meshagent.filter.room.RoomTokens;
import com.meshagent.filter.testing.FakeExchange;
import com.meshagent.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The neutral engine with a hand-made exchange: routing, guarding, and the rooms-not-configured answer. */
class SignInEngineTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T08:00:00Z"));
    private final MeshAgentConfig config = MeshAgentConfig.builder().apiUrl("http://127.0.0.1:9").clientId("c")
            .redirectUri("http://app.example:8080/meshagent/callback").protectedPaths("/app/*").excludedPaths("/app/public/*")
            .clock(clock).build();
    private final SignInEngine engine = new SignInEngine(config, Optional.empty());

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

        Outcome.Page typed = assertInstanceOf(Outcome.Page.class, assertInstanceOf(Outcome.MethodNotAllowed.class,
                engine.handle(new FakeExchange("GET", "/meshagent/logout").header("Sec-Fetch-Mode", "navigate"))).answer());
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

    private static final String KEY = "ma-Ej5FZ.ibEtOkVkJmFBdAAA-Dx4tPEtaaXiQq83vEjRWeA-s3cr3t-with-dashes";

    /** An engine with room tokens whose config {@code limit} adjusts; {@link #post} asks it for tokens as Ada. */
    private SignInEngine withRoomTokens(UnaryOperator<MeshAgentConfig.Builder> limit) {
        MeshAgentConfig c = limit.apply(MeshAgentConfig.builder().apiUrl("http://127.0.0.1:9").clientId("c")
                .redirectUri("http://app.example:8080/meshagent/callback").clock(clock)).build();
        RoomTokens tokens = RoomTokens.builder().apiKey(KEY).clock(clock).roomUrl(c.roomUrl())
                .policy(RoomAccessPolicy.allowAll(ParticipantRole.USER, ApiScope.userDefault())).build();
        return new SignInEngine(c, Optional.of(tokens));
    }

    /** The statuses of {@code requests} signed-in same-origin {@code POST /meshagent/rooms/lobby/token}s. */
    private int[] post(SignInEngine e, int requests) {
        MeshAgentUser ada = new MeshAgentUser("http://127.0.0.1:9", "u1", "ada@example.com", "Ada");
        SignedInSession session = new SignedInSession(ada,
                new TokenSet("at", "rt", clock.instant().plus(Duration.ofMinutes(5)), null), 0);
        int[] statuses = new int[requests];
        for (int i = 0; i < requests; i++) {
            FakeExchange ex = new FakeExchange("POST", "/meshagent/rooms/lobby/token").header("Sec-Fetch-Site", "same-origin");
            ex.session().put(SignedInSession.KEY, session);
            Outcome o = e.handle(ex);
            statuses[i] = o instanceof Outcome.Json j ? j.status() : assertInstanceOf(Outcome.Problem.class, o).status();
        }
        return statuses;
    }

    @Test
    void theDefaultRoomTokenRateLimitIsSixtyAMinutePerUser() {
        int[] s = post(withRoomTokens(b -> b), 61);
        assertEquals(200, s[59]);
        assertEquals(429, s[60]);
    }

    @Test
    void theRoomTokenRateLimitCanBeTurnedOffSoOneUserCanLoadTheEndpoint() {
        int[] s = post(withRoomTokens(b -> b.roomTokenRateLimit(0, Duration.ofMinutes(1))), 1000);
        for (int i = 0; i < s.length; i++) {
            assertEquals(200, s[i], "request " + i);
        }
    }

    @Test
    void aCustomRoomTokenRateLimitIsEnforcedAndItsWindowResets() {
        SignInEngine e = withRoomTokens(b -> b.roomTokenRateLimit(3, Duration.ofSeconds(10)));
        int[] s = post(e, 4);
        assertEquals(200, s[2]);
        assertEquals(429, s[3]);
        clock.advance(Duration.ofSeconds(9));
        assertEquals(429, post(e, 1)[0]);
        clock.advance(Duration.ofSeconds(1));
        assertEquals(200, post(e, 1)[0]);
    }
}
