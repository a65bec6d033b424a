package com.meshagent.filter.room;

import com.meshagent.filter.HttpLimits;
import java.net.URI;
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

    /**
     * A signed token and when it stops being usable.
     *
     * @param jwt       the compact JWT; a secret
     * @param expiresAt when the token stops being usable
     */
    record MintedToken(String jwt, Instant expiresAt) {
        /**
         * Checks both parts are present.
         *
         * @param jwt       the compact JWT; a secret
         * @param expiresAt when the token stops being usable
         */
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
     *
     * @param claims the participant, room, grants and expiry
     * @return the signed token
     */
    MintedToken mint(ParticipantToken claims);

    /**
     * Signs locally: HS256 with {@code key}'s secret, {@code sub}/{@code kid} from the key (§4.1).
     *
     * @param key the project API key whose secret signs
     * @return an issuer that needs no network
     */
    static ParticipantTokenIssuer local(ApiKey key) {
        Objects.requireNonNull(key, "key");
        return claims -> new MintedToken(claims.toJwt(key), claims.expiresAt());
    }

    /**
     * Mints through MeshAgent's REST API with {@code credential} (an {@code ma-...} API key or a user
     * access token) as bearer, under {@link HttpLimits#DEFAULT} (5 s connect, 10 s in total, 256 KiB).
     *
     * @param apiUrl     MeshAgent's base URL
     * @param projectId  the project the tokens are for
     * @param credential the bearer credential; a secret
     * @return an issuer calling {@code POST /accounts/projects/{projectId}/participant-tokens}
     */
    static ParticipantTokenIssuer rest(URI apiUrl, String projectId, String credential) {
        return rest(apiUrl, projectId, credential, HttpLimits.DEFAULT);
    }

    /**
     * As {@link #rest(URI, String, String)}, under {@code limits} (e.g. the filter's {@code config.httpLimits()}).
     *
     * @param apiUrl     MeshAgent's base URL
     * @param projectId  the project the tokens are for
     * @param credential the bearer credential; a secret
     * @param limits     the timeouts and body cap of each call
     * @return an issuer calling {@code POST /accounts/projects/{projectId}/participant-tokens}
     */
    static ParticipantTokenIssuer rest(URI apiUrl, String projectId, String credential, HttpLimits limits) {
        return new RestParticipantTokenIssuer(apiUrl, projectId, credential, limits);
    }
}
