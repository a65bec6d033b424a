package com.meshagent.devserver.tokens;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies MeshAgent participant tokens (docs/meshagent-protocol.md §4) the way the hosted room server presumably
 * does (§4.1, §6.2): HS256 only, keyed by the UTF-8 secret of the API key named by the payload {@code kid} in the
 * project named by {@code sub}; {@code exp} is optional but enforced when present; {@code name} and
 * {@code grants} are required.
 *
 * <p>The HMAC is computed with the JDK's {@code Mac} rather than Nimbus' {@code MACVerifier} because MeshAgent API
 * key secrets are not guaranteed to be 256 bits long, and {@code MACVerifier} refuses shorter keys; the comparison is
 * constant-time ({@link MessageDigest#isEqual}).
 */
public final class ParticipantTokenVerifier {

    /** Tokens larger than this are refused before parsing (a participant token is a few hundred bytes). */
    public static final int MAX_TOKEN_LENGTH = 16 * 1024;

    private ParticipantTokenVerifier() {
    }

    /** Why a token was refused. {@link #code()} is a stable machine-readable reason. */
    public enum Failure {
        MISSING("missing_token", "no participant token"),
        MALFORMED("malformed_token", "the participant token is not a signed JWT"),
        UNSUPPORTED_ALGORITHM("unsupported_algorithm", "only HS256 participant tokens are accepted"),
        MISSING_CLAIM("missing_claim", "the participant token lacks a required claim"),
        UNKNOWN_KEY("unknown_key", "no live API key matches the token's kid and sub"),
        BAD_SIGNATURE("bad_signature", "the participant token signature does not verify"),
        EXPIRED("expired", "the participant token has expired"),
        WRONG_ROOM("wrong_room", "the participant token does not grant this room");

        private final String code;
        private final String description;

        Failure(String code, String description) {
            this.code = code;
            this.description = description;
        }

        public String code() { return code; }

        public String description() { return description; }
    }

    /** HS256 over {@code input}, keyed by the UTF-8 bytes of {@code secret} whatever their length. */
    private static byte[] hs256(String secret, byte[] input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** A refused token. The message never contains the token. */
    public static final class InvalidParticipantTokenException extends Exception {
        private static final long serialVersionUID = 1L;
        private final Failure failure;

        public InvalidParticipantTokenException(Failure failure, String detail) {
            super(failure.description() + (detail == null ? "" : ": " + detail));
            this.failure = failure;
        }

        public Failure failure() { return failure; }
    }

    /**
     * A verified participant token.
     *
     * @param name      participant identity ({@code name} claim)
     * @param room      the {@code room} grant, or null when the token has none
     * @param role      the {@code role} grant, {@code "user"} when absent (§4.3)
     * @param apiScope  the {@code api} grant's scope object, or null when absent (no room API allowed, §4.4)
     * @param projectId the {@code sub} claim
     * @param keyId     the {@code kid} claim
     * @param expiresAt the {@code exp} claim, or null when the token does not expire
     * @param claims    every payload claim, unmodifiable (what the validate endpoint returns)
     */
    public record VerifiedParticipantToken(String name, String room, String role, Map<String, Object> apiScope,
            String projectId, String keyId, Instant expiresAt, Map<String, Object> claims) {
        public VerifiedParticipantToken {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(projectId, "projectId");
            Objects.requireNonNull(keyId, "keyId");
            apiScope = apiScope == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(apiScope));
            claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
        }

        /** The api-scope sub-object for {@code api} (e.g. "llm", "messaging"), empty when that room API is denied. */
        @SuppressWarnings("unchecked")
        public Optional<Map<String, Object>> apiGrant(String api) {
            if (apiScope == null || !(apiScope.get(api) instanceof Map<?, ?> m)) {
                return Optional.empty();
            }
            return Optional.of((Map<String, Object>) m);
        }
    }

    /**
     * Verifies {@code jwt} against the API keys known to {@code credentials} at the instant of {@code clock}.
     *
     * @throws InvalidParticipantTokenException when the token is missing, malformed, not HS256, signed with an
     *                                          unknown key or a wrong secret, expired, or lacks required claims
     */
    public static VerifiedParticipantToken verify(String jwt, Credentials credentials, Clock clock)
            throws InvalidParticipantTokenException {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(clock, "clock");
        if (jwt == null || jwt.isBlank()) {
            throw new InvalidParticipantTokenException(Failure.MISSING, null);
        }
        if (jwt.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidParticipantTokenException(Failure.MALFORMED, "longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        SignedJWT signed;
        Map<String, Object> claims;
        try {
            signed = SignedJWT.parse(jwt);
            claims = signed.getPayload().toJSONObject();
        } catch (ParseException | RuntimeException e) {
            // alg "none" lands here too: Nimbus refuses to parse an unsecured header as a JWS header.
            throw new InvalidParticipantTokenException(Failure.MALFORMED, null);
        }
        if (claims == null) {
            throw new InvalidParticipantTokenException(Failure.MALFORMED, "payload is not a JSON object");
        }
        if (!JWSAlgorithm.HS256.equals(signed.getHeader().getAlgorithm())) {
            throw new InvalidParticipantTokenException(Failure.UNSUPPORTED_ALGORITHM,
                    "alg " + signed.getHeader().getAlgorithm());
        }
        String sub = stringClaim(claims, "sub");
        String kid = stringClaim(claims, "kid");
        Credentials.ApiKeyInfo key = credentials.apiKey(sub, kid)
                .orElseThrow(() -> new InvalidParticipantTokenException(Failure.UNKNOWN_KEY, "kid " + kid));
        if (!key.projectId().equals(sub)) {
            throw new InvalidParticipantTokenException(Failure.UNKNOWN_KEY, "kid " + kid + " is not a key of the project");
        }
        if (!MessageDigest.isEqual(hs256(key.secret(), signed.getSigningInput()), signed.getSignature().decode())) {
            throw new InvalidParticipantTokenException(Failure.BAD_SIGNATURE, null);
        }
        Instant expiresAt = null;
        if (claims.containsKey("exp")) {
            if (!(claims.get("exp") instanceof Number exp)) {
                throw new InvalidParticipantTokenException(Failure.MALFORMED, "exp is not a number");
            }
            expiresAt = Instant.ofEpochSecond(exp.longValue());
            if (!clock.instant().isBefore(expiresAt)) {
                throw new InvalidParticipantTokenException(Failure.EXPIRED, "expired at " + expiresAt);
            }
        }
        String name = stringClaim(claims, "name");
        if (!(claims.get("grants") instanceof List<?> grants)) {
            throw new InvalidParticipantTokenException(Failure.MISSING_CLAIM, "grants");
        }
        String room = null;
        String role = "user";
        Map<String, Object> api = null;
        for (Object g : grants) {
            if (!(g instanceof Map<?, ?> grant) || !(grant.get("name") instanceof String grantName)) {
                throw new InvalidParticipantTokenException(Failure.MALFORMED, "a grant is not {name, scope}");
            }
            Object scope = grant.get("scope");
            switch (grantName) {
                case "room" -> room = scope instanceof String s ? s : null;
                case "role" -> role = scope instanceof String s ? s : role;
                case "api" -> api = asObject(scope);
                default -> { /* tunnel_ports, site, agent: carried in claims, not interpreted here */ }
            }
        }
        return new VerifiedParticipantToken(name, room, role, api, sub, kid, expiresAt, claims);
    }

    /**
     * {@link #verify} and additionally require the {@code room} grant to equal {@code roomName}.
     */
    public static VerifiedParticipantToken verifyForRoom(String jwt, String roomName, Credentials credentials,
            Clock clock) throws InvalidParticipantTokenException {
        VerifiedParticipantToken token = verify(jwt, credentials, clock);
        if (!Objects.equals(token.room(), roomName)) {
            throw new InvalidParticipantTokenException(Failure.WRONG_ROOM, "requested room " + roomName);
        }
        return token;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asObject(Object scope) {
        return scope instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    private static String stringClaim(Map<String, Object> claims, String name) throws InvalidParticipantTokenException {
        if (!(claims.get(name) instanceof String s) || s.isEmpty()) {
            throw new InvalidParticipantTokenException(Failure.MISSING_CLAIM, name);
        }
        return s;
    }
}
