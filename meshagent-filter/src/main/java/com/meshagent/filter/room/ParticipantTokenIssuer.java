package com.meshagent.filter.room;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Turns the claims {@link RoomTokens} decided on into a signed participant token.
 *
 * <p>Two implementations: {@link #local(ApiKey)} signs in-process with the API key's secret (the default,
 * no network), {@link #rest(URI, String, String)} asks MeshAgent to mint through
 * {@code POST /accounts/projects/{id}/participant-tokens} (docs/meshagent-protocol.md §5.2). Implementations
 * must be thread-safe and may throw {@link RuntimeException} on failure (the caller answers
 * {@code mint_failed} and caches nothing).
 */
@FunctionalInterface
public interface ParticipantTokenIssuer {

    /** A signed token and when it stops being usable. {@code jwt} is a secret. */
    record MintedToken(String jwt, Instant expiresAt) {
        public MintedToken {
            Objects.requireNonNull(jwt, "jwt");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        @Override
        public String toString() {
            return "MintedToken[expiresAt=" + expiresAt + ", jwt=<redacted>]";
        }
    }

    /**
     * Mints a token for {@code claims} (built by {@link ParticipantToken#forRoom}; {@code sub}/{@code kid}
     * are the issuer's to fill in).
     */
    MintedToken mint(ParticipantToken claims);

    /** Signs locally: HS256 with {@code key}'s secret, {@code sub}/{@code kid} from the key (§4.1). */
    static ParticipantTokenIssuer local(ApiKey key) {
        Objects.requireNonNull(key, "key");
        return claims -> new MintedToken(claims.toJwt(key), claims.expiresAt());
    }

    /**
     * Mints through MeshAgent's REST API with {@code credential} (an {@code ma-...} API key or a user
     * access token) as bearer; 5 s connect and 10 s request timeouts.
     */
    static ParticipantTokenIssuer rest(URI apiUrl, String projectId, String credential) {
        return new RestParticipantTokenIssuer(apiUrl, projectId, credential, Duration.ofSeconds(5), Duration.ofSeconds(10));
    }
}
