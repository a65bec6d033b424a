package com.meshagent.filter.room;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;

/**
 * A MeshAgent project API key, {@code ma-<kidB64>-<projB64>-<secret>} (docs/meshagent-protocol.md §3).
 *
 * <p>The two id segments are the 16 raw bytes of a UUID, base64url without padding, with every
 * {@code -} replaced by {@code .}; the secret is everything after the second {@code -} following
 * {@code ma-} and may itself contain {@code -}. The secret's UTF-8 bytes are the HMAC key of
 * participant tokens (§4.1).
 *
 * <p>{@link #toString()} never shows the secret, and no exception message of {@link #parse} echoes
 * the key.
 *
 * @param id the API key id (lower-case UUID); goes into a participant token's {@code kid} claim
 * @param projectId the project id (lower-case UUID); goes into a participant token's {@code sub} claim
 * @param secret the secret part; never logged
 */
public record ApiKey(String id, String projectId, String secret) {

    private static final String PREFIX = "ma-";

    /**
     * Checks the parts and writes the ids as lower-case UUIDs.
     *
     * @param id        the API key's id (a UUID)
     * @param projectId the project's id (a UUID)
     * @param secret    the secret part; not empty
     * @throws IllegalArgumentException naming the part that is wrong (never the secret)
     */
    public ApiKey {
        id = canonicalUuid(id, "id");
        projectId = canonicalUuid(projectId, "projectId");
        Objects.requireNonNull(secret, "secret");
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("API key secret must not be empty");
        }
    }

    /**
     * Parses an {@code ma-...} API key.
     *
     * @param value the key as MeshAgent shows it
     * @return its id, project id and secret
     * @throws IllegalArgumentException naming what is wrong (never the key itself)
     */
    public static ApiKey parse(String value) {
        if (value == null) {
            throw new IllegalArgumentException("API key is missing");
        }
        String key = value.strip();
        if (!key.startsWith(PREFIX)) {
            throw new IllegalArgumentException("API key must start with \"ma-\"");
        }
        String rest = key.substring(PREFIX.length());
        int first = rest.indexOf('-');
        int second = first < 0 ? -1 : rest.indexOf('-', first + 1);
        if (first < 0 || second < 0) {
            throw new IllegalArgumentException("API key must have the form ma-<key id>-<project id>-<secret>");
        }
        String secret = rest.substring(second + 1);
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("API key has an empty secret part");
        }
        return new ApiKey(decodeUuid(rest.substring(0, first), "key id"),
                decodeUuid(rest.substring(first + 1, second), "project id"), secret);
    }

    /**
     * The {@code ma-...} form of this key.
     *
     * @return the key string; a secret, never log it
     */
    public String encode() {
        return PREFIX + encodeUuid(id) + "-" + encodeUuid(projectId) + "-" + secret;
    }

    @Override
    public String toString() {
        return "ApiKey[id=" + id + ", projectId=" + projectId + ", secret=<redacted>]";
    }

    private static String decodeUuid(String segment, String what) {
        if (segment.isEmpty()) {
            throw new IllegalArgumentException("API key " + what + " segment is empty");
        }
        String b64 = segment.replace('.', '-');
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("API key " + what + " segment is not base64url");
        }
        if (raw.length != 16) {
            throw new IllegalArgumentException("API key " + what + " segment must encode 16 bytes, got " + raw.length);
        }
        ByteBuffer buffer = ByteBuffer.wrap(raw);
        return new UUID(buffer.getLong(), buffer.getLong()).toString();
    }

    private static String encodeUuid(String uuid) {
        UUID u = UUID.fromString(uuid);
        ByteBuffer buffer = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array()).replace('-', '.');
    }

    private static String canonicalUuid(String value, String name) {
        Objects.requireNonNull(value, name);
        try {
            UUID uuid = UUID.fromString(value);
            String canonical = uuid.toString();
            if (!canonical.equalsIgnoreCase(value)) {
                throw new IllegalArgumentException(name + " must be a UUID: " + value);
            }
            return canonical;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be a UUID: " + value);
        }
    }
}
