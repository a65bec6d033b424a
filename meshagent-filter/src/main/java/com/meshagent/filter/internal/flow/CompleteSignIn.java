package com.meshagent.filter.internal.flow;

import com.meshagent.filter.MeshAgentUser;
import com.meshagent.filter.internal.log.Log;
import com.meshagent.filter.internal.metrics.Metrics;
import com.meshagent.filter.internal.oauth.Callback;
import com.meshagent.filter.internal.oauth.CodeExchange;
import com.meshagent.filter.internal.oauth.SignInResult;
import com.meshagent.filter.internal.session.PendingSignIn;
import com.meshagent.filter.internal.session.PendingSignIns;
import com.meshagent.filter.internal.session.SignedInSession;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code GET /meshagent/callback}: finds and consumes the pending sign-in named by {@code state}, checks the
 * callback, exchanges the code, then starts a fresh session id for the signed-in user and redirects to the
 * saved return path. Nothing reaches the token endpoint unless the state matched a live pending sign-in of
 * this very session.
 */
final class CompleteSignIn {

    private static final Log LOG = Log.of(CompleteSignIn.class);
    private static final List<String> SINGLE = List.of("state", "code", "error", "error_description", "iss");

    private final CodeExchange provider;
    private final Clock clock;
    private final Consumer<MeshAgentUser> onUserReplaced;
    private final Metrics metrics;

    CompleteSignIn(CodeExchange provider, Clock clock, Consumer<MeshAgentUser> onUserReplaced, Metrics metrics) {
        this.provider = provider;
        this.clock = clock;
        this.onUserReplaced = onUserReplaced;
        this.metrics = metrics;
    }

    Outcome handle(Exchange ex) {
        String ctx = ex.contextPath();
        for (String name : SINGLE) {
            if (ex.params(name).size() > 1) {
                return reject(ctx, "callback_invalid", "parameter repeated: " + name);
            }
        }
        Callback cb = new Callback(ex.singleParam("state").orElse(null), ex.singleParam("code").orElse(null),
                ex.singleParam("error").orElse(null), ex.singleParam("error_description").orElse(null),
                ex.singleParam("iss").orElse(null));
        if (cb.state() == null || cb.state().isEmpty() || cb.state().length() > 512) {
            return reject(ctx, "state_missing", "callback without a usable state");
        }
        SessionView session = ex.session();
        PendingSignIns.Taken taken = take(session, cb.state());
        if (taken == null || taken.lookup() == PendingSignIns.Lookup.UNKNOWN) {
            if (session.get(SignedInSession.KEY, SignedInSession.class).isPresent()) {
                // back button or reload after a finished sign-in: the user is in, show the app
                LOG.info("callback with an unknown state in a signed-in session; no token request");
                return new Outcome.Redirect(303, ctx + "/");
            }
            LOG.warn("callback with a state this session did not start (expired session, another browser, or forged)");
            metrics.signIn(Metrics.SIGN_IN_REJECTED);
            return CallbackPages.notStartedHere(ctx);
        }
        PendingSignIn p = taken.entry().orElseThrow();
        if (taken.lookup() == PendingSignIns.Lookup.EXPIRED) {
            LOG.info("callback for an expired sign-in; no token request");
            metrics.signIn(Metrics.SIGN_IN_EXPIRED);
            return CallbackPages.expired(ctx, p.returnTo());
        }
        Optional<String> issProblem = provider.checkIssuerParameter(cb);
        if (issProblem.isPresent()) {
            return reject(ctx, issProblem.get(), "callback iss parameter refused: " + issProblem.get());
        }
        if (cb.error() != null) {
            LOG.info("provider returned error={} to the callback", CallbackPages.printable(cb.error()));
            metrics.signIn(Metrics.SIGN_IN_DENIED);
            return CallbackPages.declined(ctx, p.returnTo(), cb.error());
        }
        if (cb.code() == null || cb.code().isEmpty() || cb.code().length() > 4096) {
            return reject(ctx, "code_missing", "callback without a usable code");
        }
        if (!p.provider().equals(provider.providerId())) {
            return reject(ctx, "provider_mismatch", "pending sign-in was started for another provider");
        }
        SignInResult result = provider.complete(p, cb.code());
        if (result instanceof SignInResult.Failure f) {
            LOG.warn("sign-in failed ({}): {}", f.reason(), f.logDetail());
            metrics.signIn(f.unavailable() ? Metrics.SIGN_IN_UNAVAILABLE : Metrics.SIGN_IN_FAILED);
            return f.unavailable() ? CallbackPages.unreachable(ctx, p.returnTo())
                    : CallbackPages.notVerified(ctx, p.returnTo(), f.reason());
        }
        SignInResult.Success ok = (SignInResult.Success) result;
        SessionStart.signIn(session, ok, clock.instant(), onUserReplaced);
        LOG.info("user {} signed in", ok.user().id());
        metrics.signIn(Metrics.SIGN_IN_SUCCESS);
        return new Outcome.Redirect(303, ctx + p.returnTo());
    }

    /**
     * Takes the pending sign-in named by {@code state} out of the session: single use, consumed before anything
     * else can happen, also against a parallel replay. {@code null} when the session holds no pending sign-ins.
     */
    private PendingSignIns.Taken take(SessionView session, String state) {
        synchronized (session.mutex()) {
            PendingSignIns pending = session.get(PendingSignIns.KEY, PendingSignIns.class).orElse(null);
            PendingSignIns.Taken taken = pending == null ? null : pending.take(state, clock.instant());
            if (taken != null && taken.lookup() != PendingSignIns.Lookup.UNKNOWN) {
                session.put(PendingSignIns.KEY, taken.remaining());
            }
            return taken;
        }
    }

    private Outcome reject(String ctx, String reason, String log) {
        LOG.warn("callback rejected ({}): {}", reason, log);
        metrics.signIn(Metrics.SIGN_IN_REJECTED);
        return CallbackPages.invalid(ctx);
    }
}
