package com.meshagent.filter.internal.flow;

import com.meshagent.filter.internal.log.Log;
import com.meshagent.filter.MeshAgentUser;
import com.meshagent.filter.internal.oauth.RefreshResult;
import com.meshagent.filter.internal.oauth.SingleFlightRefresher;
import com.meshagent.filter.internal.session.SignedInSession;
import com.meshagent.filter.internal.session.TokenSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Who is signed in in this session, with an access token refreshed when it is within {@code skew} of
 * expiring (docs/design.md §6). A rotated refresh token replaces the old one; {@code invalid_grant} ends the
 * sign-in; a transient failure keeps the session and, while it is still valid, the old access token.
 */
public final class CurrentUser {

    private static final Log LOG = Log.of(CurrentUser.class);

    /** The answer of {@link #resolve}. */
    public sealed interface Status {}

    /** Signed in, with tokens valid now. */
    public record SignedIn(SignedInSession session) implements Status {}

    /** Nobody is signed in (never was, or the sign-in just ended). */
    public record SignedOut() implements Status {}

    /** Signed in, but the access token expired and the provider could not refresh it right now. */
    public record Unavailable(SignedInSession session) implements Status {}

    private final SingleFlightRefresher refresher;
    private final Clock clock;
    private final Duration skew;
    private final Predicate<SignedInSession> endedByProvider;
    private final Consumer<MeshAgentUser> onEnded;

    /**
     * @param endedByProvider whether the provider ended this sign-in (back-channel logout); such a session is
     *                        signed out on its next request
     * @param onEnded         called with the user of a session so ended (drops their room tokens)
     */
    public CurrentUser(SingleFlightRefresher refresher, Clock clock, Duration skew,
            Predicate<SignedInSession> endedByProvider, Consumer<MeshAgentUser> onEnded) {
        this.refresher = refresher;
        this.clock = clock;
        this.skew = skew;
        this.endedByProvider = endedByProvider;
        this.onEnded = onEnded;
    }

    /** The session's sign-in, unless the provider ended it (then it is removed from the session). */
    private SignedInSession signedIn(SessionView session) {
        SignedInSession s = session.get(SignedInSession.KEY, SignedInSession.class).orElse(null);
        if (s != null && endedByProvider.test(s)) {
            LOG.info("user {} was signed out by the provider (back-channel logout); sign-in ended", s.user().id());
            session.remove(SignedInSession.KEY);
            onEnded.accept(s.user());
            return null;
        }
        return s;
    }

    /** Looks at the session without refreshing anything. */
    public Status peek(SessionView session) {
        SignedInSession s = signedIn(session);
        return s == null ? new SignedOut() : new SignedIn(s);
    }

    /** The signed-in user with usable tokens, refreshing first when needed. */
    public Status resolve(SessionView session) {
        SignedInSession s = signedIn(session);
        if (s == null) {
            return new SignedOut();
        }
        Instant now = clock.instant();
        TokenSet tokens = s.tokens();
        if (now.isBefore(tokens.expiresAt().minus(skew))) {
            return new SignedIn(s);
        }
        if (tokens.refreshToken() == null) {
            if (!tokens.expiredAt(now)) {
                return new SignedIn(s);
            }
            LOG.info("access token of user {} expired and there is no refresh token; sign-in ended", s.user().id());
            endIfUnchanged(session, tokens);
            return new SignedOut();
        }
        RefreshResult result = refresher.refresh(tokens);
        if (result instanceof RefreshResult.Refreshed r) {
            return new SignedIn(store(session, s, r.tokens()));
        }
        if (result instanceof RefreshResult.Rejected r) {
            LOG.info("refresh for user {} rejected ({}); sign-in ended", s.user().id(), r.error());
            endIfUnchanged(session, tokens);
            return new SignedOut();
        }
        LOG.warn("refresh for user {} failed, session kept: {}", s.user().id(), ((RefreshResult.Unavailable) result).logDetail());
        return tokens.expiredAt(now) ? new Unavailable(s) : new SignedIn(s);
    }

    /** Writes the refreshed tokens unless another request already stored newer ones. */
    private static SignedInSession store(SessionView session, SignedInSession old, TokenSet fresh) {
        SignedInSession current = session.get(SignedInSession.KEY, SignedInSession.class).orElse(null);
        if (current == null || !current.user().equals(old.user())) {
            // signed out (or someone else signed in) meanwhile: do not resurrect the old sign-in
            return old.withTokens(fresh);
        }
        if (Objects.equals(current.tokens().refreshToken(), old.tokens().refreshToken())
                && current.tokens().accessToken().equals(old.tokens().accessToken())) {
            SignedInSession updated = current.withTokens(fresh);
            session.put(SignedInSession.KEY, updated);
            return updated;
        }
        return current;
    }

    private static void endIfUnchanged(SessionView session, TokenSet tokens) {
        session.get(SignedInSession.KEY, SignedInSession.class).ifPresent(current -> {
            if (current.tokens().accessToken().equals(tokens.accessToken())) {
                session.remove(SignedInSession.KEY);
            }
        });
    }
}
