package com.meshagent.filter.internal.session;

import com.meshagent.filter.internal.Checks;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * The tokens of one signed-in user, as plain strings (no library objects, so any session store can
 * replicate them). {@code refreshToken} and {@code scope} may be {@code null}; {@code signInIdToken} is what the
 * sign-in's ID token said (OIDC mode), kept so refreshed ID tokens can be held to it, else {@code null}.
 */
public record TokenSet(String accessToken, String refreshToken, Instant expiresAt, String scope,
        SignInIdToken signInIdToken) implements Serializable {

    private static final long serialVersionUID = 1L;

    public TokenSet {
        Checks.nonBlank(accessToken, "access token");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Tokens without an ID token of the sign-in (MeshAgent mode). */
    public TokenSet(String accessToken, String refreshToken, Instant expiresAt, String scope) {
        this(accessToken, refreshToken, expiresAt, scope, null);
    }

    /** The same tokens, remembering what the sign-in's ID token said. */
    public TokenSet withSignInIdToken(SignInIdToken idToken) {
        return new TokenSet(accessToken, refreshToken, expiresAt, scope, idToken);
    }

    /** True when the access token is past its expiry at {@code now}. */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** The same tokens after a refresh: a rotated refresh token replaces the old one, none keeps it. */
    public TokenSet refreshedWith(String newAccess, String newRefresh, Instant newExpiry, String newScope) {
        return new TokenSet(newAccess, newRefresh != null ? newRefresh : refreshToken, newExpiry,
                newScope != null ? newScope : scope, signInIdToken);
    }

    @Override
    public String toString() {
        return "TokenSet[accessToken=<redacted>, refreshToken=" + (refreshToken == null ? "<none>" : "<redacted>")
                + ", expiresAt=" + expiresAt + ", scope=" + scope + ", signInIdToken=" + signInIdToken + "]";
    }
}
