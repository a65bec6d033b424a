package com.meshagent.devserver.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.meshagent.testsupport.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The provider-side sign-ins behind {@code sid}: remembered while they matter, forgotten when they cannot. */
class SignInsTest {
    private static final String VERIFIER = "v".repeat(43);

    private final MutableClock clock = MutableClock.startingNow();
    private final TokenService tokens = new TokenService(clock, new TokenKnobs());

    private String code(String user) {
        return tokens.issueCode(new TokenService.CodeGrant("client", "http://rp/cb", user, List.of("openid"),
                TokenService.Pkce.s256(VERIFIER), null, clock.instant(), clock.instant().plus(TokenService.CODE_LIFETIME),
                null));
    }

    @Test
    void aSignInWhoseCodeWasNeverRedeemedIsForgottenOnceTheCodeExpires() {
        code("abandoned");
        assertEquals(1, tokens.liveSignIns());
        clock.advance(TokenService.CODE_LIFETIME.plus(Duration.ofSeconds(1)));
        code("next"); // any issue sweeps
        assertEquals(1, tokens.liveSignIns(), "only the new sign-in is left");
    }

    @Test
    void aRedeemedSignInCarriesItsSidAndEndsWithTheUser() {
        TokenService.Issued issued = tokens.redeemCode(code("u1"), "client", "http://rp/cb", VERIFIER, true);
        assertNotNull(issued.sid());
        TokenService.Issued refreshed = tokens.refresh(issued.refreshToken(), "client", List.of());
        assertEquals(issued.sid(), refreshed.sid(), "a refresh stays in the same sign-in");
        clock.advance(TokenService.CODE_LIFETIME.plus(Duration.ofSeconds(1)));
        code("u2");
        assertEquals(2, tokens.liveSignIns(), "a joined sign-in stays after its code is gone");
        assertEquals(List.of(new TokenService.EndedSignIn(issued.sid(), "u1", "client")), tokens.endSignIns("u1"));
        assertEquals(1, tokens.liveSignIns());
        assertThrows(com.meshagent.devserver.http.ApiError.class,
                () -> tokens.refresh(refreshed.refreshToken(), "client", List.of()), "its refresh token is revoked");
    }
}
