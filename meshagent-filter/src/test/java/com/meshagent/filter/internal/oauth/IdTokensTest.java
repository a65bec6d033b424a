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
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ID-token checks (PV-02, -03, -05, -06, -08, -09, -10, TH-11, FT-07) on tokens forged with Nimbus. The
 * validator judges time by the real clock (Nimbus reads it itself), so offsets are kept clear of the 60 s
 * skew boundary.
 */
class IdTokensTest {

    private static final String ISSUER = "https://op.example/realm";
    private static final String CLIENT = "client-1";
    private static final String NONCE = "n-0S6_WzA2Mj";

    private static RSAKey rsa;
    private static ECKey ec;
    private static IDTokenValidator validator;

    @BeforeAll
    static void keys() throws JOSEException {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        validator = IdTokens.validator(ISSUER, CLIENT, Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256),
                new ImmutableJWKSet<SecurityContext>(new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK()))));
    }

    private static JWTClaimsSet.Builder claims() {
        long now = System.currentTimeMillis();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(CLIENT).subject("user-1")
                .issueTime(new Date(now)).expirationTime(new Date(now + 300_000)).claim("nonce", NONCE);
    }

    private static SignedJWT rs256(UnaryOperator<JWTClaimsSet.Builder> edit) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(),
                edit.apply(claims()).build());
        jwt.sign(new RSASSASigner(rsa));
        return jwt;
    }

    private static boolean accepted(JWT jwt, String nonce) {
        try {
            validator.validate(jwt, new Nonce(nonce));
            return true;
        } catch (Exception rejected) {
            return false;
        }
    }

    private static boolean accepted(JWT jwt) {
        return accepted(jwt, NONCE);
    }

    @Test
    void wellFormedTokenSignedWithThePublishedKeyIsAccepted() throws Exception {
        assertTrue(accepted(rs256(b -> b)));
    }

    @Test
    void issuerMustMatchExactly() throws Exception {
        assertFalse(accepted(rs256(b -> b.issuer("https://evil.example/realm"))));
        assertFalse(accepted(rs256(b -> b.issuer(ISSUER + "/"))), "trailing slash");
        assertFalse(accepted(rs256(b -> b.issuer("https://OP.example/realm"))), "letter case");
        assertFalse(accepted(rs256(b -> b.issuer("http://op.example/realm"))), "scheme");
        assertFalse(accepted(rs256(b -> b.issuer(null))), "missing");
    }

    @Test
    void audienceMustBeThisClient() throws Exception {
        assertFalse(accepted(rs256(b -> b.audience("other-client"))));
        assertFalse(accepted(rs256(b -> b.audience((String) null))), "missing aud");
    }

    @Test
    void subjectIsRequired() throws Exception {
        assertFalse(accepted(rs256(b -> b.subject(null))));
    }

    @Test
    void expiryIsRequiredAndCheckedWithSixtySecondsOfSkew() throws Exception {
        long now = System.currentTimeMillis();
        assertFalse(accepted(rs256(b -> b.expirationTime(null))), "missing exp");
        assertTrue(accepted(rs256(b -> b.expirationTime(new Date(now - 30_000)))), "30 s late is within skew");
        assertTrue(accepted(rs256(b -> b.expirationTime(new Date(now - 45_000)))), "45 s late is within skew");
        assertFalse(accepted(rs256(b -> b.expirationTime(new Date(now - 75_000)))), "75 s late is beyond skew");
        assertFalse(accepted(rs256(b -> b.expirationTime(new Date(now - 600_000)))), "10 min late");
        assertFalse(accepted(rs256(b -> b.issueTime(new Date(now + 600_000)))), "issued 10 min in the future");
    }

    @Test
    void nonceMustMatchAndBePresent() throws Exception {
        assertFalse(accepted(rs256(b -> b.claim("nonce", "other"))));
        assertFalse(accepted(rs256(b -> b.claim("nonce", null))), "nonce absent although one was sent");
        assertFalse(accepted(rs256(b -> b), "n-different"), "nonce of another flow");
    }

    @Test
    void unsignedTokenIsRejected() {
        assertFalse(accepted(new PlainJWT(claims().build())));
    }

    @Test
    void tamperedSignaturesAreRejected() throws Exception {
        SignedJWT good = rs256(b -> b);
        String[] parts = good.serialize().split("\\.");
        SignedJWT otherPayload = rs256(b -> b.subject("admin"));
        String swapped = parts[0] + "." + otherPayload.serialize().split("\\.")[1] + "." + parts[2];
        assertFalse(accepted(SignedJWT.parse(swapped)), "RS256 signature over another payload");

        SignedJWT es = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").build(), claims().build());
        es.sign(new ECDSASigner(ec));
        assertTrue(accepted(es), "genuine ES256 passes");
        String[] e = es.serialize().split("\\.");
        byte[] sig = new Base64URL(e[2]).decode();
        sig[5] ^= 0x01;
        assertFalse(accepted(SignedJWT.parse(e[0] + "." + e[1] + "." + Base64URL.encode(sig))), "flipped ES256 bit");
        // CVE-2022-21449: an all-zero ECDSA signature (r = s = 0) must never verify
        String zero = Base64URL.encode(new byte[64]).toString();
        assertFalse(accepted(SignedJWT.parse(e[0] + "." + e[1] + "." + zero)), "psychic signature");
    }

    @Test
    void hmacSignedWithAGuessableSecretAndUnknownKeysAreRejected() throws Exception {
        SignedJWT hs = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().build());
        hs.sign(new MACSigner("a-client-secret-that-is-at-least-32-bytes-long"));
        assertFalse(accepted(hs), "HS256 is not in the allow-list");

        RSAKey stranger = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(), claims().build());
        forged.sign(new RSASSASigner(stranger));
        assertFalse(accepted(forged), "same kid, different key");
    }

    @Test
    void onlyAsymmetricAdvertisedAlgorithmsAreEverAllowed() {
        Set<JWSAlgorithm> algs = IdTokens.acceptable(List.of(JWSAlgorithm.parse("none"), JWSAlgorithm.HS256,
                JWSAlgorithm.RS256, JWSAlgorithm.ES384));
        assertEquals(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES384), algs);
        assertTrue(IdTokens.acceptable(null).isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdTokens.validator(ISSUER, CLIENT, Set.of(), new ImmutableJWKSet<>(new JWKSet())));
        assertEquals("no acceptable ID token algorithm", e.getMessage());
        assertEquals(ISSUER, validator.getExpectedIssuer().getValue());
        assertEquals(IdTokens.MAX_CLOCK_SKEW_SECONDS, validator.getMaxClockSkew());
    }
}
