package com.meshagent.filter.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.filter.MeshAgentUser;
import com.meshagent.filter.internal.oauth.Callback;
import com.meshagent.filter.internal.oauth.CodeExchange;
import com.meshagent.filter.internal.oauth.SignInResult;
import com.meshagent.filter.internal.session.PendingSignIn;
import com.meshagent.filter.internal.session.PendingSignIns;
import com.meshagent.filter.internal.session.SignedInSession;
import com.meshagent.filter.internal.session.TokenSet;
import com.meshagent.filter.testing.FakeExchange;
import com.meshagent.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every branch of the callback handler on the servlet-free fakes: a scripted {@link CodeExchange} (which
 * records whether the code ever reached it) and a hand-made exchange with an in-memory session.
 */
class CompleteSignInTest {

    private static final String PROVIDER = "https://idp.example";
    private static final MeshAgentUser ADA = new MeshAgentUser(PROVIDER, "u1", "ada@example.com", "Ada");
    private static final MeshAgentUser BOB = new MeshAgentUser(PROVIDER, "u2", "bob@example.com", "Bob");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T08:00:00Z"));
    private final ScriptedExchange provider = new ScriptedExchange();
    private final List<MeshAgentUser> replaced = new ArrayList<>();
    private final CompleteSignIn handler = new CompleteSignIn(provider, clock, replaced::add, com.meshagent.filter.internal.metrics.Metrics.NONE);

    /** A provider whose answers the test sets, counting the codes it was given. */
    private static final class ScriptedExchange implements CodeExchange {
        Optional<String> issProblem = Optional.empty();
        SignInResult result = new SignInResult.Success(ADA, new TokenSet("at", "rt", Instant.MAX, null));
        final List<String> codes = new ArrayList<>();

        public String providerId() {
            return PROVIDER;
        }

        public Optional<String> checkIssuerParameter(Callback callback) {
            return issProblem;
        }

        public SignInResult complete(PendingSignIn pending, String code) {
            codes.add(code);
            return result;
        }
    }

    /** A callback for a sign-in this session started (state "s1", returning to /app). */
    private FakeExchange started(String provider) {
        FakeExchange ex = new FakeExchange("GET", Links.CALLBACK);
        ex.session().put(PendingSignIns.KEY, PendingSignIns.empty().with(
                new PendingSignIn("s1", "verifier", "n", provider, "/app", clock.instant()), clock.instant()));
        return ex;
    }

    private FakeExchange started() {
        return started(PROVIDER);
    }

    private Outcome.Page page(Outcome out, int status) {
        Outcome.Page p = assertInstanceOf(Outcome.Page.class, out);
        assertEquals(status, p.status());
        assertTrue(p.linkHref().startsWith(Links.LOGIN), p.linkHref());
        return p;
    }

    @Test
    void success_consumesTheStateStartsAFreshSessionIdAndRedirectsToTheSavedPath() {
        FakeExchange ex = started().param("state", "s1").param("code", "c1");
        String idBefore = ex.session().id().orElseThrow();
        assertEquals("/app", assertInstanceOf(Outcome.Redirect.class, handler.handle(ex)).location());
        assertEquals(List.of("c1"), provider.codes);
        assertEquals(ADA, ex.session().get(SignedInSession.KEY, SignedInSession.class).orElseThrow().user());
        assertFalse(idBefore.equals(ex.session().id().orElseThrow()), "session id changed at sign-in");
        assertTrue(ex.session().get(PendingSignIns.KEY, PendingSignIns.class).orElseThrow().entries().isEmpty());
    }

    @Test
    void repeatedParameter_isRefusedBeforeAnythingElse() {
        for (String name : List.of("state", "code", "error", "error_description", "iss")) {
            FakeExchange ex = started().param(name, "one").param(name, "two");
            if (!name.equals("state")) {
                ex.param("state", "s1");
            }
            page(handler.handle(ex), 400);
        }
        assertEquals(List.of(), provider.codes);
    }

    @Test
    void stateMissingEmptyOrTooLong_isRefused() {
        page(handler.handle(started().param("code", "c1")), 400);
        page(handler.handle(started().param("state", "").param("code", "c1")), 400);
        page(handler.handle(started().param("state", "x".repeat(513)).param("code", "c1")), 400);
        assertEquals(List.of(), provider.codes);
    }

    @Test
    void unknownState_inASignedOutSession_asksToSignInAgainWithoutATokenRequest() {
        Outcome.Page p = page(handler.handle(started().param("state", "forged").param("code", "c1")), 400);
        assertEquals("Sign in again", p.linkText());
        assertEquals(List.of(), provider.codes);
    }

    @Test
    void unknownState_inASignedInSession_showsTheApplication() {
        FakeExchange ex = started().param("state", "old").param("code", "c1");
        ex.session().put(SignedInSession.KEY, new SignedInSession(ADA, new TokenSet("at", "rt", Instant.MAX, null), 0));
        assertEquals("/", assertInstanceOf(Outcome.Redirect.class, handler.handle(ex)).location());
        assertEquals(List.of(), provider.codes);
    }

    @Test
    void expiredState_isRefusedAndLeadsBackToTheSavedPath() {
        FakeExchange ex = started().param("state", "s1").param("code", "c1");
        clock.advance(PendingSignIns.LIFETIME.plus(Duration.ofSeconds(1)));
        Outcome.Page p = page(handler.handle(ex), 400);
        assertEquals("Sign-in expired", p.title());
        assertTrue(p.linkHref().contains("return_to=%2Fapp"), p.linkHref());
        assertEquals(List.of(), provider.codes);
    }

    @Test
    void replayedState_isUnknownTheSecondTime() {
        FakeExchange ex = started().param("state", "s1").param("code", "c1");
        provider.result = new SignInResult.Failure(false, "token_request_rejected", "refused");
        page(handler.handle(ex), 400);
        page(handler.handle(ex), 400);
        assertEquals(List.of("c1"), provider.codes, "the code reaches the provider once");
    }

    @Test
    void issuerParameterRefused_noTokenRequest() {
        provider.issProblem = Optional.of("issuer_mismatch");
        page(handler.handle(started().param("state", "s1").param("code", "c1").param("iss", "https://evil.example")), 400);
        assertEquals(List.of(), provider.codes);
    }

    @Test
    void providerErrorParameter_accessDeniedIs403_othersAre400_andTheCodeIsPrintableInThePage() {
        assertEquals(403, page(handler.handle(started().param("state", "s1").param("error", "access_denied")), 403)
                .status());
        Outcome.Page p = page(handler.handle(started().param("state", "s1").param("error", "<script>x")), 400);
        assertTrue(p.message().contains("?script?x"), p.message());
        assertEquals(List.of(), provider.codes);
    }

    @Test
    void codeMissingOrTooLong_isRefused() {
        page(handler.handle(started().param("state", "s1")), 400);
        page(handler.handle(started().param("state", "s1").param("code", "c".repeat(4097))), 400);
        assertEquals(List.of(), provider.codes);
    }

    @Test
    void pendingSignInOfAnotherProvider_isRefused() {
        page(handler.handle(started("https://other.example").param("state", "s1").param("code", "c1")), 400);
        assertEquals(List.of(), provider.codes);
    }

    @Test
    void codeExchangeUnavailable_is502_andRefused_is400_bothKeepNoSession() {
        provider.result = new SignInResult.Failure(true, "provider_unavailable", "timeout");
        FakeExchange down = started().param("state", "s1").param("code", "c1");
        assertEquals("MeshAgent could not be reached", page(handler.handle(down), 502).title());
        assertTrue(down.session().get(SignedInSession.KEY, SignedInSession.class).isEmpty());

        provider.result = new SignInResult.Failure(false, "id_token_invalid", "bad signature");
        FakeExchange bad = started().param("state", "s1").param("code", "c1");
        assertEquals("Sign-in could not be completed", page(handler.handle(bad), 400).title());
        assertTrue(bad.session().get(SignedInSession.KEY, SignedInSession.class).isEmpty());
    }

    @Test
    void anotherUserSigningInReplacesThePreviousUserEntirely() {
        FakeExchange ex = started().param("state", "s1").param("code", "c1");
        ex.session().put(SignedInSession.KEY, new SignedInSession(BOB, new TokenSet("bt", "br", Instant.MAX, null), 0));
        ex.session().put("app.cart", "bob's");
        assertInstanceOf(Outcome.Redirect.class, handler.handle(ex));
        assertEquals(List.of(BOB), replaced, "the previous user's room tokens are dropped");
        assertEquals(ADA, ex.session().get(SignedInSession.KEY, SignedInSession.class).orElseThrow().user());
        assertTrue(ex.session().get("app.cart", String.class).isEmpty(), "nothing of the previous user carries over");
    }
}
