package com.meshagent.filter.room;

import com.meshagent.filter.internal.json.Json;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A MeshAgent participant token (docs/meshagent-protocol.md §4): the claims, and their HS256 JWT form.
 *
 * <p>Wire form: header exactly {@code {"alg":"HS256","typ":"JWT"}} (no {@code kid} header); payload
 * compact JSON in the order {@code name, grants, sub, kid, version, exp, iat}, then the extra claims in
 * their original order. {@code kid} (API key id) is a payload claim. The HMAC key is the UTF-8 bytes of
 * the API key's secret part (§4.1). {@link #toJwt} overwrites {@code sub}/{@code kid} with the key's
 * project id / key id, as the SDKs do.
 *
 * <p>{@code exp} and {@code iat} are optional here because MeshAgent's own SDKs mint tokens without
 * them; tokens minted by {@link RoomTokens} always carry both.
 *
 * @param name the participant identity in the room; non-empty
 * @param grants the grants, at most one {@code api}
 * @param projectId {@code sub}, or {@code null}
 * @param apiKeyId {@code kid}, or {@code null}
 * @param version the token schema version ({@link #VERSION} by default)
 * @param expiresAt {@code exp}, or {@code null} for a token that does not expire
 * @param issuedAt {@code iat}, or {@code null}
 * @param extra any other claims, round-tripped in order (never OAuth tokens or personal data)
 */
public record ParticipantToken(String name, List<ParticipantGrant> grants, String projectId, String apiKeyId,
        String version, Instant expiresAt, Instant issuedAt, Map<String, Object> extra) {

    /**
     * The token schema version we write: the SDK version docs/meshagent-protocol.md was read at (Python SDK
     * and docs 0.50.1, §4.2). Servers compare it with "0.3.5" only to warn about a missing api grant.
     */
    public static final String VERSION = "0.50.1";

    private static final Set<String> RESERVED = Set.of("name", "grants", "sub", "kid", "version", "exp", "iat");
    private static final String HEADER_JSON = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER_B64 = B64.encodeToString(HEADER_JSON.getBytes(StandardCharsets.US_ASCII));
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    });

    /**
     * Checks the claims and copies the collections.
     *
     * @param name      the participant identity in the room; non-empty
     * @param grants    the grants, at most one {@code api}
     * @param projectId {@code sub}, or {@code null}
     * @param apiKeyId  {@code kid}, or {@code null}
     * @param version   the token schema version
     * @param expiresAt {@code exp}, or {@code null}
     * @param issuedAt  {@code iat}, or {@code null}
     * @param extra     any other claims
     */
    public ParticipantToken {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("participant name must not be empty");
        }
        grants = List.copyOf(grants);
        if (grants.stream().filter(g -> g.name().equals("api")).count() > 1) {
            throw new IllegalArgumentException("a participant token has at most one api grant");
        }
        version = version == null ? VERSION : version;
        expiresAt = expiresAt == null ? null : Instant.ofEpochSecond(expiresAt.getEpochSecond());
        issuedAt = issuedAt == null ? null : Instant.ofEpochSecond(issuedAt.getEpochSecond());
        extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extra));
        for (String k : extra.keySet()) {
            if (RESERVED.contains(k)) {
                throw new IllegalArgumentException("extra claim \"" + k + "\" is a reserved claim");
            }
        }
    }

    /**
     * The token {@link RoomTokens} mints: grants {@code room}, {@code role}, {@code api} (in that order),
     * {@code iat} and {@code exp}. {@code sub}/{@code kid} are filled in by {@link #toJwt}.
     *
     * @param name      the participant's name in the room
     * @param roomName  the room
     * @param role      the participant's role
     * @param api       the room APIs the participant may use
     * @param issuedAt  {@code iat}
     * @param expiresAt {@code exp}
     * @return the unsigned claims
     */
    public static ParticipantToken forRoom(String name, String roomName, ParticipantRole role, ApiScope api,
            Instant issuedAt, Instant expiresAt) {
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("expiresAt must be after issuedAt: " + expiresAt);
        }
        return new ParticipantToken(name, List.of(ParticipantGrant.room(roomName), ParticipantGrant.role(role),
                ParticipantGrant.api(api)), null, null, VERSION, expiresAt, issuedAt, Map.of());
    }

    /**
     * The {@code room} grant's room name, if any.
     *
     * @return the room name, or empty
     */
    public Optional<String> room() {
        return stringGrant("room");
    }

    /**
     * The {@code role} grant; absent means {@link ParticipantRole#USER} (§4.3).
     *
     * @return the participant's role
     */
    public ParticipantRole role() {
        String wire = stringGrant("role").orElse("user");
        for (ParticipantRole r : ParticipantRole.values()) {
            if (r.wire().equals(wire)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown participant role: " + wire);
    }

    /**
     * The {@code api} grant, if any.
     *
     * @return the API scope, or empty
     */
    public Optional<ApiScope> api() {
        return grants.stream().filter(g -> g.api() != null).map(ParticipantGrant::api).findFirst();
    }

    private Optional<String> stringGrant(String grantName) {
        return grants.stream().filter(g -> g.name().equals(grantName)).map(ParticipantGrant::scope).findFirst();
    }

    /**
     * The payload as compact JSON, keys in wire order.
     *
     * @return the JSON text
     */
    public String toJson() {
        return toJson(projectId, apiKeyId);
    }

    private String toJson(String sub, String kid) {
        StringBuilder sb = new StringBuilder(512);
        sb.append("{\"name\":");
        Json.string(sb, name);
        sb.append(",\"grants\":[");
        for (int i = 0; i < grants.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            grants.get(i).writeJson(sb);
        }
        sb.append(']');
        if (sub != null) {
            sb.append(",\"sub\":");
            Json.string(sb, sub);
        }
        if (kid != null) {
            sb.append(",\"kid\":");
            Json.string(sb, kid);
        }
        sb.append(",\"version\":");
        Json.string(sb, version);
        if (expiresAt != null) {
            sb.append(",\"exp\":").append(expiresAt.getEpochSecond());
        }
        if (issuedAt != null) {
            sb.append(",\"iat\":").append(issuedAt.getEpochSecond());
        }
        for (Map.Entry<String, Object> e : extra.entrySet()) {
            sb.append(',');
            Json.string(sb, e.getKey());
            sb.append(':');
            Json.value(sb, e.getValue());
        }
        return sb.append('}').toString();
    }

    /**
     * Reads a payload (unverified).
     *
     * @param json the payload's JSON text
     * @return the claims
     * @throws IllegalArgumentException when the JSON is not a participant-token payload
     */
    public static ParticipantToken fromJson(String json) {
        Map<String, Object> in = Json.parseObject(json);
        String name = Json.requiredString(in, "name");
        Object rawGrants = in.get("grants");
        if (!(rawGrants instanceof List<?> list)) {
            throw new IllegalArgumentException("\"grants\" must be a list");
        }
        List<ParticipantGrant> grants = new ArrayList<>();
        for (Object o : list) {
            grants.add(ParticipantGrant.fromWire(Json.object(o, "grants")));
        }
        Map<String, Object> extra = new LinkedHashMap<>(in);
        extra.keySet().removeAll(RESERVED);
        return new ParticipantToken(name, grants, Json.string(in, "sub"), Json.string(in, "kid"),
                Json.string(in, "version"), seconds(in, "exp"), seconds(in, "iat"), extra);
    }

    /**
     * Signs with {@code key} (HS256, key = UTF-8 of the secret part), setting {@code sub} and {@code kid} from it.
     *
     * @param key the project API key
     * @return the compact JWT; a secret
     */
    public String toJwt(ApiKey key) {
        byte[] payload = toJson(key.projectId(), key.id()).getBytes(StandardCharsets.UTF_8);
        String signingInput = HEADER_B64 + "." + B64.encodeToString(payload);
        return signingInput + "." + B64.encodeToString(hmac(key, signingInput));
    }

    /**
     * Verifies {@code jwt} with {@code key}: HS256 only, signature, and when present {@code kid}/{@code sub}
     * must name this key and project. Does not look at {@code exp}; see {@link #verify(String, ApiKey, Clock)}.
     *
     * @param jwt the compact JWT
     * @param key the API key that should have signed it
     * @return the verified claims
     * @throws IllegalArgumentException when the token is malformed or does not verify (the message never
     *     contains the token)
     */
    public static ParticipantToken verify(String jwt, ApiKey key) {
        JWSObject jws = parseJws(jwt);
        if (!JWSAlgorithm.HS256.equals(jws.getHeader().getAlgorithm())) {
            throw new IllegalArgumentException("participant token must be HS256, got " + jws.getHeader().getAlgorithm());
        }
        JOSEObjectType typ = jws.getHeader().getType();
        if (typ != null && !JOSEObjectType.JWT.equals(typ)) {
            throw new IllegalArgumentException("participant token typ must be JWT, got " + typ);
        }
        byte[] expected = hmac(key, new String(jws.getSigningInput(), StandardCharsets.US_ASCII));
        if (!MessageDigest.isEqual(expected, jws.getSignature().decode())) {
            throw new IllegalArgumentException("participant token signature does not verify with API key " + key.id());
        }
        ParticipantToken token = fromJson(jws.getPayload().toString());
        if (token.apiKeyId() != null && !token.apiKeyId().equals(key.id())) {
            throw new IllegalArgumentException("participant token kid " + token.apiKeyId() + " is not API key " + key.id());
        }
        if (token.projectId() != null && !token.projectId().equals(key.projectId())) {
            throw new IllegalArgumentException("participant token sub " + token.projectId() + " is not project " + key.projectId());
        }
        return token;
    }

    /**
     * As {@link #verify(String, ApiKey)}, and rejects a token whose {@code exp} is not after {@code clock}'s now.
     *
     * @param jwt   the compact JWT
     * @param key   the API key that should have signed it
     * @param clock the current time
     * @return the verified, unexpired claims
     * @throws IllegalArgumentException when the token does not verify or has expired
     */
    public static ParticipantToken verify(String jwt, ApiKey key, Clock clock) {
        ParticipantToken token = verify(jwt, key);
        if (token.expiresAt() != null && !token.expiresAt().isAfter(clock.instant())) {
            throw new IllegalArgumentException("participant token expired at " + token.expiresAt());
        }
        return token;
    }

    /**
     * Reads the claims of {@code jwt} WITHOUT verifying it (for tokens a trusted server minted for us).
     *
     * @param jwt the compact JWT
     * @return its claims
     * @throws IllegalArgumentException when it is not a JWT with a participant-token payload
     */
    public static ParticipantToken parseUnverified(String jwt) {
        return fromJson(parseJws(jwt).getPayload().toString());
    }

    @Override
    public String toString() {
        return "ParticipantToken" + toJson();
    }

    private static JWSObject parseJws(String jwt) {
        return Json.parse(jwt, JWSObject::parse, "participant token is not a compact JWS");
    }

    private static byte[] hmac(ApiKey key, String signingInput) {
        // Nimbus's MACSigner refuses secrets under 256 bits; MeshAgent keys may be shorter (§3 test vector).
        // One Mac per thread: Mac.getInstance's provider lookup costs more than the HMAC of a token.
        try {
            Mac mac = MAC.get();
            mac.init(new SecretKeySpec(key.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static Instant seconds(Map<String, Object> in, String key) {
        Object v = in.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n && n.doubleValue() == Math.floor(n.doubleValue())) {
            return Instant.ofEpochSecond(n.longValue());
        }
        throw new IllegalArgumentException("\"" + key + "\" must be a NumericDate in whole seconds");
    }
}
