package com.meshagent.devserver.tokens;

import com.meshagent.devserver.rooms.FakeCredentials;
import com.meshagent.devserver.rooms.TestTokens;
import com.meshagent.devserver.tokens.ParticipantTokenVerifier.Failure;
import com.meshagent.devserver.tokens.ParticipantTokenVerifier.InvalidParticipantTokenException;
import com.meshagent.devserver.tokens.ParticipantTokenVerifier.VerifiedParticipantToken;
import com.meshagent.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static com.meshagent.devserver.rooms.FakeCredentials.KEY_ID;
import static com.meshagent.devserver.rooms.FakeCredentials.PROJECT;
import static com.meshagent.devserver.rooms.FakeCredentials.SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParticipantTokenVerifierTest {

    /** The interop vector of docs/meshagent-protocol.md §4.5 (no exp), key = "s3cr3t-with-dashes". */
    static final String PROTOCOL_VECTOR = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJuYW1lIjoiYWxpY2VAZXhhbXBsZS5jb20iLCJncmFudHMiOlt7Im5hbWUiOiJyb29tIiwic2NvcGUiOiJteS1yb29tIn0seyJuYW1lIjoicm9sZSIsInNjb3BlIjoidXNlciJ9LHsibmFtZSI6ImFwaSIsInNjb3BlIjp7ImxpdmVraXQiOnt9LCJxdWV1ZXMiOnt9LCJtZXNzYWdpbmciOnt9LCJkYXRhc2V0Ijp7fSwic3FsaXRlIjp7fSwibWVtb3J5Ijp7fSwic3luYyI6e30sInN0b3JhZ2UiOnt9LCJjb250YWluZXJzIjp7fSwiZGV2ZWxvcGVyIjp7fSwiYWdlbnRzIjp7fSwic2VydmljZXMiOnt9fX1dLCJzdWIiOiIwZjFlMmQzYy00YjVhLTY5NzgtOTBhYi1jZGVmMTIzNDU2NzgiLCJraWQiOiIxMjNlNDU2Ny1lODliLTEyZDMtYTQ1Ni00MjY2MTQxNzQwMDAiLCJ2ZXJzaW9uIjoiMC41MC4xIn0.t4Tn_Bz2a0IcK3AObsgOaDBNAyQwASmaZM_Ioh2S0hs";

    final FakeCredentials credentials = new FakeCredentials();
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"));

    private String token(String room, Long exp) {
        return TestTokens.hs256(TestTokens.claims("alice@example.com", room, TestTokens.messagingAndLlm(), exp,
                PROJECT, KEY_ID), SECRET);
    }

    private Failure failureOf(String jwt, String room) {
        return assertThrows(InvalidParticipantTokenException.class,
                () -> ParticipantTokenVerifier.verifyForRoom(jwt, room, credentials, clock)).failure();
    }

    @Test
    void protocolInteropVectorWithoutExpIsAcceptedWithItsClaims() throws Exception {
        VerifiedParticipantToken t = ParticipantTokenVerifier.verifyForRoom(PROTOCOL_VECTOR, "my-room", credentials, clock);
        assertEquals("alice@example.com", t.name());
        assertEquals("my-room", t.room());
        assertEquals("user", t.role());
        assertEquals(PROJECT, t.projectId());
        assertEquals(KEY_ID, t.keyId());
        assertNull(t.expiresAt());
        assertTrue(t.apiGrant("messaging").isPresent());
        assertFalse(t.apiGrant("llm").isPresent(), "the vector's api scope has no llm");
        assertEquals("0.50.1", t.claims().get("version"));
    }

    @Test
    void tokenIsAcceptedUntilItsExpAndRefusedFromThenOn() throws Exception {
        long exp = clock.instant().plusSeconds(60).getEpochSecond();
        String jwt = token("lobby", exp);
        assertEquals(Instant.ofEpochSecond(exp), ParticipantTokenVerifier.verify(jwt, credentials, clock).expiresAt());
        clock.advance(Duration.ofSeconds(59));
        ParticipantTokenVerifier.verify(jwt, credentials, clock);
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Failure.EXPIRED, failureOf(jwt, "lobby"));
    }

    @Test
    void tokenForAnotherRoomIsRefusedAsWrongRoom() {
        assertEquals(Failure.WRONG_ROOM, failureOf(token("other", null), "lobby"));
    }

    @Test
    void tokenWithoutRoomGrantIsRefusedForEveryRoom() {
        assertEquals(Failure.WRONG_ROOM, failureOf(token(null, null), "lobby"));
    }

    @Test
    void tokenSignedWithAnotherSecretIsRefusedAsBadSignature() {
        String jwt = TestTokens.hs256(TestTokens.claims("a", "lobby", null, null, PROJECT, KEY_ID), "not-the-secret");
        assertEquals(Failure.BAD_SIGNATURE, failureOf(jwt, "lobby"));
    }

    @Test
    void tamperedPayloadIsRefusedAsBadSignature() {
        String[] parts = token("other", null).split("\\.");
        String forged = token("lobby", null).split("\\.")[1];
        assertEquals(Failure.BAD_SIGNATURE, failureOf(parts[0] + "." + forged + "." + parts[2], "lobby"));
    }

    @Test
    void unsecuredAlgNoneTokenIsRefused() {
        String jwt = TestTokens.unsecured(TestTokens.claims("a", "lobby", null, null, PROJECT, KEY_ID));
        assertEquals(Failure.MALFORMED, failureOf(jwt, "lobby"));
    }

    @Test
    void hs512TokenIsRefusedEvenWithTheRightSecret() {
        String jwt = TestTokens.sign("{\"alg\":\"HS512\",\"typ\":\"JWT\"}",
                TestTokens.claims("a", "lobby", null, null, PROJECT, KEY_ID), SECRET);
        assertEquals(Failure.UNSUPPORTED_ALGORITHM, failureOf(jwt, "lobby"));
    }

    @Test
    void unknownKidOrKidOfAnotherProjectOrRevokedKeyIsRefusedAsUnknownKey() {
        String unknownKid = TestTokens.hs256(TestTokens.claims("a", "lobby", null, null, PROJECT,
                "00000000-0000-0000-0000-000000000000"), SECRET);
        assertEquals(Failure.UNKNOWN_KEY, failureOf(unknownKid, "lobby"));
        String otherProject = TestTokens.hs256(TestTokens.claims("a", "lobby", null, null,
                "11111111-1111-1111-1111-111111111111", KEY_ID), SECRET);
        assertEquals(Failure.UNKNOWN_KEY, failureOf(otherProject, "lobby"));
        String good = token("lobby", null);
        credentials.revokeKey(PROJECT, KEY_ID);
        assertEquals(Failure.UNKNOWN_KEY, failureOf(good, "lobby"));
    }

    @Test
    void missingOrGarbageTokenIsRefusedWithoutEchoingIt() {
        assertEquals(Failure.MISSING, failureOf(null, "lobby"));
        assertEquals(Failure.MISSING, failureOf(" ", "lobby"));
        InvalidParticipantTokenException e = assertThrows(InvalidParticipantTokenException.class,
                () -> ParticipantTokenVerifier.verify("garbage.secret-looking-value.x", credentials, clock));
        assertEquals(Failure.MALFORMED, e.failure());
        assertFalse(e.getMessage().contains("secret-looking-value"));
    }

    @Test
    void tokenWithoutNameOrGrantsIsRefusedAsMissingClaim() {
        Map<String, Object> noName = new java.util.LinkedHashMap<>(
                TestTokens.claims("a", "lobby", null, null, PROJECT, KEY_ID));
        noName.remove("name");
        assertEquals(Failure.MISSING_CLAIM, failureOf(TestTokens.hs256(noName, SECRET), "lobby"));
        Map<String, Object> noGrants = new java.util.LinkedHashMap<>(
                TestTokens.claims("a", "lobby", null, null, PROJECT, KEY_ID));
        noGrants.remove("grants");
        assertEquals(Failure.MISSING_CLAIM, failureOf(TestTokens.hs256(noGrants, SECRET), "lobby"));
    }

    @Test
    void rs256TokenIsRefusedWhateverItsKey() throws Exception {
        com.nimbusds.jose.jwk.RSAKey rsa = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).generate();
        com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(
                new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.RS256),
                com.nimbusds.jwt.JWTClaimsSet.parse(TestTokens.claims("a", "lobby", null, null, PROJECT, KEY_ID)));
        jwt.sign(new com.nimbusds.jose.crypto.RSASSASigner(rsa));
        assertEquals(Failure.UNSUPPORTED_ALGORITHM, failureOf(jwt.serialize(), "lobby"));
    }

    @Test
    void oversizedTokenIsRefusedBeforeParsing() {
        assertEquals(Failure.MALFORMED, failureOf("a".repeat(ParticipantTokenVerifier.MAX_TOKEN_LENGTH + 1), "lobby"));
    }

    @Test
    void verifiedTokenToStringCarriesNoSignature() throws Exception {
        String jwt = token("lobby", null);
        VerifiedParticipantToken t = ParticipantTokenVerifier.verify(jwt, credentials, clock);
        assertFalse(t.toString().contains(jwt.split("\\.")[2]));
    }
}
