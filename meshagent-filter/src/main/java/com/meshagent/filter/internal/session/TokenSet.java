package com.meshagent.filter.internal.session;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * The tokens of one signed-in user, as plain strings (no library objects, so any session store can
 * replicate them). {@code refreshToken} and {@code scope} may be {@code null}.
 */
public record TokenSet(String accessToken, String refreshToken, Instant expiresAt, String scope)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public TokenSet {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (accessToken.isBlank()) {
            throw new IllegalArgumentException("access token must not be blank");
        }
    }

    /** True when the access token is past its expiry at {@code now}. */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** The same tokens after a refresh: a rotated refresh token replaces the old one, none keeps it. */
    public TokenSet refreshedWith(String newAccess, String newRefresh, Instant newExpiry, String newScope) {
        return new TokenSet(newAccess, newRefresh != null ? newRefresh : refreshToken, newExpiry,
                newScope != null ? newScope : scope);
    }

    @Override
    public String toString() {
        return "TokenSet[accessToken=<redacted>, refreshToken=" + (refreshToken == null ? "<none>" : "<redacted>")
                + ", expiresAt=" + expiresAt + ", scope=" + scope + "]";
    }
}
