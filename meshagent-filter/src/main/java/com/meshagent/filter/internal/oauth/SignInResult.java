package com.meshagent.filter.internal.oauth;

import com.meshagent.filter.MeshAgentUser;
import com.meshagent.filter.internal.session.TokenSet;

/** How completing a sign-in at the provider ended. */
public sealed interface SignInResult {

    /** Signed in: who, and their tokens. */
    record Success(MeshAgentUser user, TokenSet tokens, String sid) implements SignInResult {
        /** Signed in without a provider session id (MeshAgent mode, or an ID token without {@code sid}). */
        public Success(MeshAgentUser user, TokenSet tokens) {
            this(user, tokens, null);
        }
    }

    /**
     * The provider or its answer refused the sign-in ({@code unavailable == false}: a 4xx-class failure such
     * as a bad code or an ID token that failed validation) or could not be reached ({@code unavailable}).
     * {@code reason} is a stable code; {@code logDetail} is for the log and holds no secret.
     */
    record Failure(boolean unavailable, String reason, String logDetail) implements SignInResult {}
}
