package com.meshagent.devserver.state;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * MeshAgent's API key string {@code ma-<kidB64>-<projB64>-<secret>} (docs/meshagent-protocol.md §3, [C]):
 * the ids are the 16 raw UUID bytes, base64url without padding, with {@code -} replaced by {@code .};
 * the remainder after the second {@code -} is the secret and may itself contain {@code -}.
 */
public final class ApiKeyFormat {
    public static final String PREFIX = "ma-";

    /** The parts of a key; {@code secret} is the HS256 key material of participant tokens. */
    public record Parts(String keyId, String projectId, String secret) {
        @Override
        public String toString() {
            return "Parts[keyId=" + keyId + ", projectId=" + projectId + ", secret=<redacted>]";
        }
    }

    private ApiKeyFormat() {}

    public static String encode(String keyId, String projectId, String secret) {
        return PREFIX + segment(UUID.fromString(keyId)) + "-" + segment(UUID.fromString(projectId)) + "-" + secret;
    }

    /** The parts of {@code value}, or empty when it is not a well-formed {@code ma-} key. */
    public static Optional<Parts> parse(String value) {
        if (value == null || !value.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = value.substring(PREFIX.length());
        int first = rest.indexOf('-');
        int second = first < 0 ? -1 : rest.indexOf('-', first + 1);
        if (first < 0 || second < 0 || second == rest.length() - 1) {
            return Optional.empty();
        }
        Optional<UUID> kid = uuid(rest.substring(0, first));
        Optional<UUID> project = uuid(rest.substring(first + 1, second));
        if (kid.isEmpty() || project.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Parts(kid.get().toString(), project.get().toString(), rest.substring(second + 1)));
    }

    private static String segment(UUID id) {
        ByteBuffer b = ByteBuffer.allocate(16);
        b.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array()).replace('-', '.');
    }

    private static Optional<UUID> uuid(String segment) {
        try {
            byte[] raw = Base64.getUrlDecoder().decode(segment.replace('.', '-'));
            if (raw.length != 16) {
                return Optional.empty();
            }
            ByteBuffer b = ByteBuffer.wrap(raw);
            return Optional.of(new UUID(b.getLong(), b.getLong()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
