package com.meshagent.filter.internal.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.meshagent.filter.internal.session.SignInIdToken;
import com.meshagent.testsupport.MutableClock;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.claims.AccessTokenHash;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ID-token rules of {@link IdTokens}, one test per rule, on tokens forged with Nimbus and judged by a clock
 * the test moves (PV-02, -03, -05, -06, -08, -09, -10, TH-11, FT-07).
 */
class IdTokensTest {

    private static final String ISSUER = "https://op.example/realm";
    private static final String CLIENT = "client-1";
    private static final String NONCE = "n-0S6_WzA2Mj";
    private static final String AT = "access-token-1";
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private static RSAKey rsa;
    private static ECKey ec;
    private final MutableClock clock = new MutableClock(T0);
    private IdTokens rules;

    @BeforeAll
    static void keys() throws JOSEException {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
    }

    @org.junit.jupiter.api.BeforeEach
    void rules() {
        rules = new IdTokens(ISSUER, CLIENT, Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256),
                new ImmutableJWKSet<SecurityContext>(new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK()))), clock,
                Duration.ofMinutes(10));
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(CLIENT).subject("user-1")
                .issueTime(Date.from(T0)).expirationTime(Date.from(T0.plusSeconds(300))).claim("nonce", NONCE);
    }

    private static SignedJWT rs256(UnaryOperator<JWTClaimsSet.Builder> edit) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(),
                edit.apply(claims()).build());
        jwt.sign(new RSASSASigner(rsa));
        return jwt;
    }

    /** The rule that refused the token at sign-in, or "accepted". */
    private String verdict(String jwt, String nonce) {
        try {
            rules.checkSignIn(jwt, AT, nonce);
            return "accepted";
        } catch (IdTokens.Refused r) {
            assertFalse(r.getMessage().contains(jwt), "never the token in the message");
            return r.rule();
        }
    }

    private String verdict(SignedJWT jwt) {
        return verdict(jwt.serialize(), NONCE);
    }

    private String verdict(UnaryOperator<JWTClaimsSet.Builder> edit) throws JOSEException {
        return verdict(rs256(edit));
    }

    @Test
    void wellFormedTokenSignedWithThePublishedKeyIsAccepted() throws Exception {
        assertEquals("accepted", verdict(b -> b));
        assertEquals("user-1", rules.checkSignIn(rs256(b -> b).serialize(), AT, NONCE).getSubject().getValue());
    }

    @Test
    void issuerMustMatchExactly() throws Exception {
        assertEquals("iss", verdict(b -> b.issuer("https://evil.example/realm")));
        assertEquals("iss", verdict(b -> b.issuer(ISSUER + "/")), "trailing slash");
        assertEquals("iss", verdict(b -> b.issuer("https://OP.example/realm")), "letter case");
        assertEquals("iss", verdict(b -> b.issuer("http://op.example/realm")), "scheme");
        assertEquals("iss", verdict(b -> b.issuer(null)), "missing");
    }

    @Test
    void audienceMustContainThisClient() throws Exception {
        assertEquals("aud", verdict(b -> b.audience("other-client")));
        assertEquals("aud", verdict(b -> b.audience((String) null)), "missing aud");
        assertEquals("aud", verdict(b -> b.audience(List.of()).claim("aud", List.of())), "empty array");
        assertEquals("aud", verdict(b -> b.claim("aud", List.of(CLIENT, 7))), "non-string member");
        assertEquals("aud", verdict(b -> b.claim("aud", 7)), "a number");
    }

    @Test
    void severalAudiencesNeedAnAzpNamingThisClient() throws Exception {
        assertEquals("azp", verdict(b -> b.audience(List.of(CLIENT, "other"))), "no azp");
        assertEquals("azp", verdict(b -> b.audience(List.of(CLIENT, "other")).claim("azp", "other")));
        assertEquals("accepted", verdict(b -> b.audience(List.of(CLIENT, "other")).claim("azp", CLIENT)));
        assertEquals("azp", verdict(b -> b.claim("azp", "other")), "a single audience with a foreign azp");
        assertEquals("accepted", verdict(b -> b.claim("azp", CLIENT)));
    }

    @Test
    void subjectIsAStringOfOneTo255PrintableAsciiCharacters() throws Exception {
        assertEquals("sub", verdict(b -> b.subject(null)));
        assertEquals("sub", verdict(b -> b.subject("")));
        assertEquals("sub", verdict(b -> b.claim("sub", 42)));
        assertEquals("sub", verdict(b -> b.subject("x".repeat(256))));
        assertEquals("accepted", verdict(b -> b.subject("x".repeat(255))));
        assertEquals("sub", verdict(b -> b.subject("caf\u00e9")));
        assertEquals("sub", verdict(b -> b.subject("a\u0000b")));
    }

    @Test
    void expiryIsRequiredAndJudgedByTheConfiguredClockWithSixtySecondsOfSkew() throws Exception {
        assertEquals("exp", verdict(b -> b.expirationTime(null)), "missing exp");
        SignedJWT token = rs256(b -> b);
        clock.advance(Duration.ofSeconds(300 + 59));
        assertEquals("accepted", verdict(token), "59 s late is within skew");
        clock.advance(Duration.ofSeconds(1));
        assertEquals("exp", verdict(token), "60 s late is not");
    }

    @Test
    void issuedAtIsRequiredNotInTheFutureAndNotOlderThanTheMaximumAge() throws Exception {
        assertEquals("iat", verdict(b -> b.issueTime(null)), "missing");
        assertEquals("accepted", verdict(b -> b.issueTime(Date.from(T0.plusSeconds(60)))), "skew");
        assertEquals("iat", verdict(b -> b.issueTime(Date.from(T0.plusSeconds(61)))), "future");
        SignedJWT longLived = rs256(b -> b.expirationTime(Date.from(T0.plus(Duration.ofHours(1)))));
        clock.advance(Duration.ofMinutes(11));
        assertEquals("accepted", verdict(longLived), "10 min max age plus 60 s skew");
        clock.advance(Duration.ofSeconds(1));
        assertEquals("iat", verdict(longLived), "older than max age + skew");
    }

    @Test
    void notBeforeAndAuthTimeMayNotLieInTheFuture() throws Exception {
        assertEquals("nbf", verdict(b -> b.notBeforeTime(Date.from(T0.plusSeconds(120)))));
        assertEquals("accepted", verdict(b -> b.notBeforeTime(Date.from(T0.minusSeconds(5)))));
        assertEquals("auth_time", verdict(b -> b.claim("auth_time", T0.getEpochSecond() + 120)));
        assertEquals("accepted", verdict(b -> b.claim("auth_time", T0.getEpochSecond() - 86_400)), "no max_age asked");
    }

    @Test
    void everyDateClaimFollowsTheOneNumberRule() throws Exception {
        long t = T0.getEpochSecond();
        assertEquals("exp", verdict(b -> b.claim("exp", -9_223_372_036_854_776L)), "huge negative clamps to 0: expired");
        assertEquals("exp", verdict(b -> b.claim("exp", "soon")));
        assertEquals("exp", verdict(b -> b.claim("exp", true)));
        assertEquals("exp", verdict(b -> b.claim("exp", "NaN")));
        assertEquals("accepted", verdict(b -> b.claim("exp", 1e30)), "clamped to year 9999");
        assertEquals("accepted", verdict(b -> b.claim("exp", Long.toString(t + 300))), "decimal string");
        assertEquals("accepted", verdict(b -> b.claim("exp", t + 0.5)), "fraction dropped, still within skew");
        assertEquals("iat", verdict(b -> b.claim("iat", 1e30)), "a huge iat is in the future");
        assertEquals("iat", verdict(b -> b.claim("iat", -1)), "a negative iat is too old");
        assertEquals("nbf", verdict(b -> b.claim("nbf", List.of(1))));
        assertEquals("auth_time", verdict(b -> b.claim("auth_time", "yesterday")));
    }

    @Test
    void nonceMustMatchAndBePresent() throws Exception {
        assertEquals("nonce", verdict(b -> b.claim("nonce", "other")));
        assertEquals("nonce", verdict(b -> b.claim("nonce", null)), "nonce absent although one was sent");
        assertEquals("nonce", verdict(b -> b.claim("nonce", 5)));
        assertEquals("nonce", verdict(rs256(b -> b).serialize(), "n-different"), "nonce of another flow");
    }

    @Test
    void accessTokenHashWhenPresentMustMatch() throws Exception {
        String good = AccessTokenHash.compute(new BearerAccessToken(AT), JWSAlgorithm.RS256, null).getValue();
        String bad = AccessTokenHash.compute(new BearerAccessToken("other"), JWSAlgorithm.RS256, null).getValue();
        assertEquals("accepted", verdict(b -> b.claim("at_hash", good)));
        assertEquals("at_hash", verdict(b -> b.claim("at_hash", bad)));
        assertEquals("at_hash", verdict(b -> b.claim("at_hash", 1)));
    }

    @Test
    void unsignedAndMalformedTokensAreRejected() throws Exception {
        assertEquals("alg", verdict(new PlainJWT(claims().build()).serialize(), NONCE));
        assertEquals("format", verdict("not-a-jwt", NONCE));
    }

    @Test
    void tamperedSignaturesAreRejected() throws Exception {
        SignedJWT good = rs256(b -> b);
        String[] parts = good.serialize().split("\\.");
        SignedJWT otherPayload = rs256(b -> b.subject("admin"));
        String swapped = parts[0] + "." + otherPayload.serialize().split("\\.")[1] + "." + parts[2];
        assertEquals("signature", verdict(swapped, NONCE), "RS256 signature over another payload");

        SignedJWT es = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").build(), claims().build());
        es.sign(new ECDSASigner(ec));
        assertEquals("accepted", verdict(es), "genuine ES256 passes");
        String[] e = es.serialize().split("\\.");
        byte[] sig = new Base64URL(e[2]).decode();
        sig[5] ^= 0x01;
        assertEquals("signature", verdict(e[0] + "." + e[1] + "." + Base64URL.encode(sig), NONCE), "flipped ES256 bit");
        // CVE-2022-21449: an all-zero ECDSA signature (r = s = 0) must never verify
        String zero = Base64URL.encode(new byte[64]).toString();
        assertEquals("signature", verdict(e[0] + "." + e[1] + "." + zero, NONCE), "psychic signature");
    }

    @Test
    void hmacSignedWithAGuessableSecretAndUnknownKeysAreRejected() throws Exception {
        SignedJWT hs = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().build());
        hs.sign(new MACSigner("a-client-secret-that-is-at-least-32-bytes-long"));
        assertEquals("alg", verdict(hs), "HS256 is not in the allow-list");

        SignedJWT ps = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.PS256).keyID("rsa-1").build(), claims().build());
        ps.sign(new RSASSASigner(rsa));
        assertEquals("alg", verdict(ps), "an algorithm the provider did not advertise, even with its own key");

        RSAKey stranger = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(), claims().build());
        forged.sign(new RSASSASigner(stranger));
        assertEquals("signature", verdict(forged), "same kid, different key");
    }

    @Test
    void onlyAsymmetricAdvertisedAlgorithmsAreEverAllowed() {
        Set<JWSAlgorithm> algs = IdTokens.acceptable(List.of(JWSAlgorithm.parse("none"), JWSAlgorithm.HS256,
                JWSAlgorithm.RS256, JWSAlgorithm.ES384));
        assertEquals(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES384), algs);
        assertTrue(IdTokens.acceptable(null).isEmpty());
        ImmutableJWKSet<SecurityContext> none = new ImmutableJWKSet<>(new JWKSet());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new IdTokens(ISSUER, CLIENT, Set.of(), none, clock, Duration.ofMinutes(10)));
        assertEquals("no acceptable ID token algorithm", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new IdTokens(ISSUER, CLIENT, Set.of(JWSAlgorithm.HS256), none, clock, Duration.ofMinutes(10)));
    }

    // ---- refreshed ID tokens (OIDC Core §12.2) ----

    private static final SignInIdToken SIGN_IN = new SignInIdToken("user-1", List.of(CLIENT), T0.getEpochSecond() - 5, NONCE);

    private String refreshVerdict(SignInIdToken signIn, UnaryOperator<JWTClaimsSet.Builder> edit) throws JOSEException {
        clock.advance(Duration.ofMinutes(30));
        Instant now = clock.instant();
        SignedJWT jwt = rs256(b -> edit.apply(b.issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("nonce", null).claim("auth_time", T0.getEpochSecond() - 5)));
        try {
            rules.checkRefreshed(jwt.serialize(), AT, signIn);
            return "accepted";
        } catch (IdTokens.Refused r) {
            return r.rule();
        } finally {
            clock.advance(Duration.ofMinutes(-30));
        }
    }

    @Test
    void refreshedTokenWithoutNonceNamingTheSameSignInIsAccepted() throws Exception {
        assertEquals("accepted", refreshVerdict(SIGN_IN, b -> b));
        assertEquals("accepted", refreshVerdict(SIGN_IN, b -> b.claim("nonce", NONCE)), "the sign-in's nonce repeated");
    }

    @Test
    void refreshedTokenMustKeepSubAudAuthTimeAndAnyNonce() throws Exception {
        assertEquals("refresh_sub", refreshVerdict(SIGN_IN, b -> b.subject("user-2")));
        assertEquals("refresh_aud", refreshVerdict(SIGN_IN, b -> b.audience(List.of(CLIENT, "x")).claim("azp", CLIENT)));
        assertEquals("refresh_auth_time", refreshVerdict(SIGN_IN, b -> b.claim("auth_time", T0.getEpochSecond())));
        assertEquals("refresh_auth_time", refreshVerdict(SIGN_IN, b -> b.claim("auth_time", null)));
        assertEquals("refresh_nonce", refreshVerdict(SIGN_IN, b -> b.claim("nonce", "other")));
        assertEquals("refresh_sub", refreshVerdict(null, b -> b), "a session without the sign-in's ID token");
        SignInIdToken noAuthTime = new SignInIdToken("user-1", List.of(CLIENT), null, NONCE);
        assertEquals("accepted", refreshVerdict(noAuthTime, b -> b), "nothing to compare auth_time with");
    }

    @Test
    void refreshedTokenGetsEverySignInRuleButTheNonce() throws Exception {
        assertEquals("iss", refreshVerdict(SIGN_IN, b -> b.issuer("https://evil.example")));
        assertEquals("iat", refreshVerdict(SIGN_IN, b -> b.issueTime(Date.from(T0))), "the sign-in's old iat");
        assertEquals("exp", refreshVerdict(SIGN_IN, b -> b.expirationTime(Date.from(T0))));
        assertEquals("exp", refreshVerdict(SIGN_IN, b -> b.claim("exp", -9_223_372_036_854_776L)));
        assertEquals("at_hash", refreshVerdict(SIGN_IN, b -> b.claim("at_hash", "AAAAAAAAAAAAAAAAAAAAAA")));
    }
}
