package com.meshagent.filter.internal.session;

import com.meshagent.filter.MeshAgentUser;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * Who is signed in in this session, with their tokens; {@code version} grows with every refresh. {@code sid}
 * is the provider's session id from the ID token and {@code signedInAt} when the sign-in completed (both for
 * back-channel logout; {@code null} in sessions stored before they existed, or when the provider sends no sid).
 */
public record SignedInSession(MeshAgentUser user, TokenSet tokens, long version, String sid, Instant signedInAt)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Session attribute key, namespaced by class so no application attribute collides with it. */
    public static final String KEY = SignedInSession.class.getName();

    public SignedInSession {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(tokens, "tokens");
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative: " + version);
        }
    }

    public SignedInSession(MeshAgentUser user, TokenSet tokens, long version) {
        this(user, tokens, version, null, null);
    }

    public SignedInSession withTokens(TokenSet newTokens) {
        return new SignedInSession(user, newTokens, version + 1, sid, signedInAt);
    }
}
