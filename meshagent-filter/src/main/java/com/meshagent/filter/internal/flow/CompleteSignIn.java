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
                return reject(ex, "callback_invalid", "parameter repeated: " + name);
            }
        }
        Callback cb = new Callback(ex.singleParam("state").orElse(null), ex.singleParam("code").orElse(null),
                ex.singleParam("error").orElse(null), ex.singleParam("error_description").orElse(null),
                ex.singleParam("iss").orElse(null));
        if (cb.state() == null || cb.state().isEmpty() || cb.state().length() > 512) {
            return reject(ex, "state_missing", "callback without a usable state");
        }
        SessionView session = ex.session();
        PendingSignIns.Taken taken;
        synchronized (session.mutex()) {
            PendingSignIns pending = session.get(PendingSignIns.KEY, PendingSignIns.class).orElse(null);
            taken = pending == null ? null : pending.take(cb.state(), clock.instant());
            if (taken != null && taken.lookup() != PendingSignIns.Lookup.UNKNOWN) {
                // single use: consumed before anything else can happen, also against a parallel replay
                session.put(PendingSignIns.KEY, taken.remaining());
            }
        }
        if (taken == null || taken.lookup() == PendingSignIns.Lookup.UNKNOWN) {
            if (session.get(SignedInSession.KEY, SignedInSession.class).isPresent()) {
                // back button or reload after a finished sign-in: the user is in, show the app
                LOG.info("callback with an unknown state in a signed-in session; no token request");
                return new Outcome.Redirect(303, ctx + "/");
            }
            LOG.warn("callback with a state this session did not start (expired session, another browser, or forged)");
            metrics.signIn(Metrics.SIGN_IN_REJECTED);
            return new Outcome.Page(400, "Sign-in could not be completed",
                    "This sign-in link is not valid in this browser, the sign-in took too long, or this browser blocks"
                            + " cookies for this site (sign-in needs them). Please allow cookies and start again.",
                    Links.login(ctx, "/"), "Sign in again");
        }
        PendingSignIn p = taken.entry().orElseThrow();
        if (taken.lookup() == PendingSignIns.Lookup.EXPIRED) {
            LOG.info("callback for an expired sign-in; no token request");
            metrics.signIn(Metrics.SIGN_IN_EXPIRED);
            return new Outcome.Page(400, "Sign-in expired", "The sign-in took too long. Please start again.",
                    Links.login(ctx, p.returnTo()), "Sign in again");
        }
        Optional<String> issProblem = provider.checkIssuerParameter(cb);
        if (issProblem.isPresent()) {
            return reject(ex, issProblem.get(), "callback iss parameter refused: " + issProblem.get());
        }
        if (cb.error() != null) {
            LOG.info("provider returned error={} to the callback", printable(cb.error()));
            metrics.signIn(Metrics.SIGN_IN_DENIED);
            return new Outcome.Page(cb.error().equals("access_denied") ? 403 : 400, "Sign-in was not completed",
                    "MeshAgent did not sign you in (" + printable(cb.error()) + ").",
                    Links.login(ctx, p.returnTo()), "Try again");
        }
        if (cb.code() == null || cb.code().isEmpty() || cb.code().length() > 4096) {
            return reject(ex, "code_missing", "callback without a usable code");
        }
        if (!p.provider().equals(provider.providerId())) {
            return reject(ex, "provider_mismatch", "pending sign-in was started for another provider");
        }
        SignInResult result = provider.complete(p, cb.code());
        if (result instanceof SignInResult.Failure f) {
            LOG.warn("sign-in failed ({}): {}", f.reason(), f.logDetail());
            metrics.signIn(f.unavailable() ? Metrics.SIGN_IN_UNAVAILABLE : Metrics.SIGN_IN_FAILED);
            if (f.unavailable()) {
                return new Outcome.Page(502, "MeshAgent could not be reached",
                        "Signing in failed because the sign-in service did not answer properly. Please try again.",
                        Links.login(ctx, p.returnTo()), "Try again");
            }
            return new Outcome.Page(400, "Sign-in could not be completed",
                    "The sign-in could not be verified (reason: " + f.reason() + "). Please try again.",
                    Links.login(ctx, p.returnTo()), "Try again");
        }
        SignInResult.Success ok = (SignInResult.Success) result;
        Optional<SignedInSession> previous = session.get(SignedInSession.KEY, SignedInSession.class);
        if (previous.isPresent() && !previous.get().user().equals(ok.user())) {
            // another identity in this browser session: nothing of the previous user may carry over
            onUserReplaced.accept(previous.get().user());
            PendingSignIns rest = session.get(PendingSignIns.KEY, PendingSignIns.class).orElse(PendingSignIns.empty());
            session.invalidate();
            session.put(PendingSignIns.KEY, rest);
        } else {
            session.changeId();
        }
        session.put(SignedInSession.KEY, new SignedInSession(ok.user(), ok.tokens(), 0, ok.sid(), clock.instant()));
        session.restoreLifetime();
        LOG.info("user {} signed in", ok.user().id());
        metrics.signIn(Metrics.SIGN_IN_SUCCESS);
        return new Outcome.Redirect(303, ctx + p.returnTo());
    }

    private Outcome reject(Exchange ex, String reason, String log) {
        LOG.warn("callback rejected ({}): {}", reason, log);
        metrics.signIn(Metrics.SIGN_IN_REJECTED);
        return new Outcome.Page(400, "Sign-in could not be completed",
                "The sign-in response was not valid. Please start again.", Links.login(ex.contextPath(), "/"),
                "Sign in again");
    }

    /** Error codes are attacker-controlled: keep them short and printable for logs and pages. */
    private static String printable(String s) {
        String t = s.replaceAll("[^A-Za-z0-9_.\\-]", "?");
        return t.length() > 64 ? t.substring(0, 64) : t;
    }
}
