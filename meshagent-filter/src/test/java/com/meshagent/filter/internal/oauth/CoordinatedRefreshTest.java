package com.meshagent.filter.internal.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.meshagent.filter.cluster.RefreshCoordinator;
import com.meshagent.filter.internal.session.SignInIdToken;
import com.meshagent.filter.internal.session.TokenSet;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CoordinatedRefreshTest {

    private static final TokenSet OLD = new TokenSet("old-access", "old-refresh-token", Instant.EPOCH, "openid");
    private static final TokenSet NEW = new TokenSet("new-access-token", "new-refresh-token",
            Instant.parse("2026-01-01T00:00:00Z"), "openid");

    @Test
    void anOutcomeStoredByAnotherNodeOpensWithTheOldRefreshTokenOnly() {
        byte[] sealed = CoordinatedRefresh.seal(new RefreshResult.Refreshed(NEW), OLD.refreshToken());
        String asText = new String(sealed, StandardCharsets.ISO_8859_1);
        for (String secret : new String[] {"new-access-token", "new-refresh-token", "old-refresh-token"}) {
            assertFalse(asText.contains(secret), "no token in clear in what is shared");
        }
        assertEquals(new RefreshResult.Refreshed(NEW), CoordinatedRefresh.open(sealed, OLD));
        TokenSet otherGrant = new TokenSet("old-access", "another-refresh-token", Instant.EPOCH, "openid");
        assertInstanceOf(RefreshResult.Unavailable.class, CoordinatedRefresh.open(sealed, otherGrant));
        sealed[sealed.length - 1] ^= 1;
        assertInstanceOf(RefreshResult.Unavailable.class, CoordinatedRefresh.open(sealed, OLD),
                "a tampered outcome is not used");
    }

    @Test
    void aRejectionIsSharedAndATransientFailureIsNot() {
        AtomicInteger redeemed = new AtomicInteger();
        Optional<?>[] shared = new Optional<?>[1];
        RefreshCoordinator recording = (grant, redeem) -> {
            Optional<byte[]> outcome = redeem.get();
            shared[0] = outcome;
            return outcome;
        };
        RefreshResult unavailable = new CoordinatedRefresh(recording, t -> {
            redeemed.incrementAndGet();
            return new RefreshResult.Unavailable("timeout");
        }).apply(OLD);
        assertInstanceOf(RefreshResult.Unavailable.class, unavailable);
        assertEquals(Optional.empty(), shared[0], "a transient failure is not stored for other nodes");

        new CoordinatedRefresh(recording, t -> new RefreshResult.Rejected("invalid_grant")).apply(OLD);
        assertEquals(new RefreshResult.Rejected("invalid_grant"),
                CoordinatedRefresh.open((byte[]) shared[0].orElseThrow(), OLD));
    }

    @Test
    void theOutcomeOfAnotherNodeIsUsedWithoutRedeemingAgain() {
        byte[] stored = CoordinatedRefresh.seal(new RefreshResult.Refreshed(NEW), OLD.refreshToken());
        AtomicInteger redeemed = new AtomicInteger();
        RefreshResult r = new CoordinatedRefresh((grant, redeem) -> Optional.of(stored), t -> {
            redeemed.incrementAndGet();
            return new RefreshResult.Rejected("invalid_grant");
        }).apply(OLD);
        assertEquals(new RefreshResult.Refreshed(NEW), r);
        assertEquals(0, redeemed.get());
    }

    @Test
    void anotherNodesOutcomeKeepsWhatTheSignInsIdTokenSaid() {
        // OIDC mode: the next refreshed ID token is held to the sign-in's, which the session must still know
        SignInIdToken signIn = new SignInIdToken("user-1", List.of("app-client"), 1_700_000_000L, "nonce-1");
        TokenSet old = OLD.withSignInIdToken(signIn);
        byte[] stored = CoordinatedRefresh.seal(new RefreshResult.Refreshed(NEW.withSignInIdToken(signIn)), old.refreshToken());
        RefreshResult r = new CoordinatedRefresh((grant, redeem) -> Optional.of(stored),
                t -> new RefreshResult.Rejected("invalid_grant")).apply(old);
        assertEquals(new RefreshResult.Refreshed(NEW.withSignInIdToken(signIn)), r);
    }
}
