package com.meshagent.filter.cluster;

import java.time.Instant;
import java.util.Objects;

/**
 * Sign-ins the provider ended through OpenID Connect Back-Channel Logout, as seen by every node that shares
 * this registry. The back-channel endpoint {@linkplain #record records} each accepted logout token; every
 * request of a signed-in session asks {@link #ended} and a match ends that session on its next request,
 * whichever node serves it.
 *
 * <p>{@link #inMemory()} (the default) covers one node and needs no database; {@link PostgresProviderLogouts}
 * shares one table between nodes.
 */
public interface ProviderLogouts {

    /**
     * One accepted logout token: the provider session {@code sid} of {@code issuer} ended, or (no {@code sid})
     * every sign-in of {@code sub} made at or before {@code issuedAt}.
     *
     * @param issuer   the provider that issued the logout token, never {@code null}
     * @param sid      the provider session that ended, or {@code null}
     * @param sub      the user whose sign-ins ended, or {@code null}; at least one of {@code sid} and {@code sub}
     * @param jti      the logout token's id, which may be accepted once, never {@code null}
     * @param issuedAt when the logout token was issued, never {@code null}
     */
    record Logout(String issuer, String sid, String sub, String jti, Instant issuedAt) {
        /**
         * Requires the issuer, {@code jti}, {@code issuedAt}, and a {@code sid} or a {@code sub}.
         *
         * @param issuer   the provider that issued the logout token, never {@code null}
         * @param sid      the provider session that ended, or {@code null}
         * @param sub      the user whose sign-ins ended, or {@code null}; at least one of {@code sid} and {@code sub}
         * @param jti      the logout token's id, which may be accepted once, never {@code null}
         * @param issuedAt when the logout token was issued, never {@code null}
         */
        public Logout {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(jti, "jti");
            Objects.requireNonNull(issuedAt, "issuedAt");
            if (sid == null && sub == null) {
                throw new IllegalArgumentException("a logout names a sid or a sub");
            }
        }
    }

    /**
     * Records {@code logout}, unless a logout with the same {@code jti} from the same issuer was recorded before.
     *
     * @param logout the accepted logout token
     * @return false for a replayed {@code jti} (nothing recorded)
     */
    boolean record(Logout logout);

    /**
     * Whether the provider ended this sign-in: its {@code sid} was logged out, or its {@code sub} was logged out
     * by a token issued at or after {@code signedInAt} ({@code signedInAt} null: any such logout).
     *
     * @param issuer     the provider the session signed in at
     * @param sid        the session's provider {@code sid}, or {@code null}
     * @param sub        the signed-in user's {@code sub}, or {@code null}
     * @param signedInAt when the session signed in, or {@code null} when unknown
     * @return whether a recorded logout ends this sign-in
     */
    boolean ended(String issuer, String sid, String sub, Instant signedInAt);

    /** {@return a registry for one node, no database: logouts and used {@code jti}s kept in memory (bounded, expiring)} */
    static ProviderLogouts inMemory() {
        return new InMemoryProviderLogouts();
    }
}
