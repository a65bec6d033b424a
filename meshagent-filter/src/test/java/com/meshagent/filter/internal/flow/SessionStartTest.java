package com.meshagent.filter.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.filter.MeshAgentUser;
import com.meshagent.filter.internal.oauth.SignInResult;
import com.meshagent.filter.internal.session.PendingSignIn;
import com.meshagent.filter.internal.session.PendingSignIns;
import com.meshagent.filter.internal.session.SignedInSession;
import com.meshagent.filter.internal.session.TokenSet;
import com.meshagent.filter.testing.FakeExchange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The session a successful callback leaves behind, on the in-memory session fake. */
class SessionStartTest {

    private static final Instant NOW = Instant.parse("2026-05-01T08:00:00Z");
    private static final MeshAgentUser ADA = new MeshAgentUser("https://idp.example", "u1", "ada@example.com", "Ada");
    private static final MeshAgentUser BOB = new MeshAgentUser("https://idp.example", "u2", "bob@example.com", "Bob");

    private final FakeExchange.InMemorySession session = new FakeExchange.InMemorySession();
    private final List<MeshAgentUser> replaced = new ArrayList<>();

    private static SignInResult.Success success(MeshAgentUser user, String accessToken) {
        return new SignInResult.Success(user, new TokenSet(accessToken, "rt", Instant.MAX, null));
    }

    @Test
    void theSameUserSigningInAgainGetsANewSessionIdAndKeepsTheApplicationsAttributes() {
        SessionStart.signIn(session, success(ADA, "at-1"), NOW, replaced::add);
        session.put("app.cart", "ada's");
        String before = session.id().orElseThrow();

        SessionStart.signIn(session, success(ADA, "at-2"), NOW.plusSeconds(5), replaced::add);

        assertNotEquals(before, session.id().orElseThrow(), "a fresh session id at every sign-in");
        assertEquals("ada's", session.get("app.cart", String.class).orElseThrow());
        SignedInSession in = session.get(SignedInSession.KEY, SignedInSession.class).orElseThrow();
        assertEquals("at-2", in.tokens().accessToken());
        assertEquals(NOW.plusSeconds(5), in.signedInAt());
        assertEquals(List.of(), replaced);
    }

    @Test
    void anotherUserReplacesTheSessionKeepingOnlyThePendingSignIns() {
        SessionStart.signIn(session, success(BOB, "bt"), NOW, replaced::add);
        session.put("app.cart", "bob's");
        PendingSignIns pending = PendingSignIns.empty()
                .with(new PendingSignIn("s2", "verifier", "n", "https://idp.example", "/other-tab", NOW), NOW);
        session.put(PendingSignIns.KEY, pending);

        SessionStart.signIn(session, success(ADA, "at"), NOW, replaced::add);

        assertEquals(List.of(BOB), replaced);
        assertTrue(session.get("app.cart", String.class).isEmpty(), "nothing of the previous user carries over");
        assertEquals(pending, session.get(PendingSignIns.KEY, PendingSignIns.class).orElseThrow());
        assertEquals(ADA, session.get(SignedInSession.KEY, SignedInSession.class).orElseThrow().user());
    }
}
