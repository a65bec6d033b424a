package com.meshagent.filter.internal.session;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One sign-in started in this session and not yet completed: the {@code state} sent to the provider, the
 * PKCE verifier, the nonce (or {@code null} when {@code openid} was not requested), the provider it was
 * started for, where to go afterwards and when it started.
 */
public record PendingSignIn(String state, String codeVerifier, String nonce, String provider, String returnTo,
        Instant createdAt) implements Serializable {

    private static final long serialVersionUID = 1L;

    public PendingSignIn {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(codeVerifier, "codeVerifier");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(returnTo, "returnTo");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    @Override
    public String toString() {
        return "PendingSignIn[state=<redacted>, codeVerifier=<redacted>, nonce=" + (nonce == null ? "<none>" : "<redacted>")
                + ", provider=" + provider + ", returnTo=" + returnTo + ", createdAt=" + createdAt + "]";
    }
}
