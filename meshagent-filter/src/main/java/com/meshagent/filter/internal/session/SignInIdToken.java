package com.meshagent.filter.internal.session;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * What the ID token of the sign-in said that every ID token of a later refresh must repeat (OIDC Core §12.2):
 * the same subject and audiences, the same {@code auth_time} when it had one, and, if a refreshed token carries a
 * nonce at all, the sign-in's nonce. {@code authTime} (epoch seconds) and {@code nonce} may be {@code null}.
 */
public record SignInIdToken(String subject, List<String> audience, Long authTime, String nonce) implements Serializable {

    private static final long serialVersionUID = 1L;

    public SignInIdToken {
        Objects.requireNonNull(subject, "subject");
        audience = List.copyOf(audience);
    }

    @Override
    public String toString() {
        return "SignInIdToken[subject=" + subject + ", audience=" + audience + ", authTime=" + authTime + "]";
    }
}
