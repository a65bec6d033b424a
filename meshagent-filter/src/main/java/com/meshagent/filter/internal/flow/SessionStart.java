package com.meshagent.filter.internal.flow;

import com.meshagent.filter.MeshAgentUser;
import com.meshagent.filter.internal.oauth.SignInResult;
import com.meshagent.filter.internal.session.PendingSignIns;
import com.meshagent.filter.internal.session.SignedInSession;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns a browser session into a signed-in one after a successful code exchange. The session always gets a new
 * id (session fixation); when another user was signed in, it is replaced entirely so that nothing of theirs
 * carries over, keeping only the sign-ins this browser still has pending.
 */
final class SessionStart {

    private SessionStart() {}

    /**
     * Stores the signed-in user and tokens in {@code session}.
     *
     * @param onUserReplaced told the previous user, when another one was signed in (their room tokens are dropped)
     */
    static void signIn(SessionView session, SignInResult.Success ok, Instant now, Consumer<MeshAgentUser> onUserReplaced) {
        Optional<SignedInSession> previous = session.get(SignedInSession.KEY, SignedInSession.class);
        if (previous.isPresent() && !previous.get().user().equals(ok.user())) {
            onUserReplaced.accept(previous.get().user());
            PendingSignIns rest = session.get(PendingSignIns.KEY, PendingSignIns.class).orElse(PendingSignIns.empty());
            session.invalidate();
            session.put(PendingSignIns.KEY, rest);
        } else {
            session.changeId();
        }
        session.put(SignedInSession.KEY, new SignedInSession(ok.user(), ok.tokens(), 0, ok.sid(), now));
        session.restoreLifetime();
    }
}
