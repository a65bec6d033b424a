package com.meshagent.filter.internal.flow;

import com.meshagent.filter.internal.log.Log;
import com.meshagent.filter.internal.oauth.ProviderClient;
import com.meshagent.filter.internal.oauth.ProviderException;
import com.meshagent.filter.internal.session.PendingSignIns;

/** {@code GET /meshagent/login?return_to=}: records a pending sign-in and redirects to the provider. */
final class StartSignIn {

    private static final Log LOG = Log.of(StartSignIn.class);

    private final ProviderClient provider;

    StartSignIn(ProviderClient provider) {
        this.provider = provider;
    }

    Outcome handle(Exchange ex) {
        String returnTo = ReturnPaths.sanitize(ex.singleParam("return_to").orElse(ReturnPaths.DEFAULT));
        ProviderClient.Start start;
        try {
            start = provider.start(returnTo);
        } catch (ProviderException e) {
            LOG.warn("cannot start sign-in: {}", e.getMessage());
            return Replies.errorWithRetry(ex, 503, Reason.of(e.reason()), "MeshAgent sign-in is unavailable",
                    "The sign-in service could not be reached. Please try again in a moment.",
                    Links.login(ex.contextPath(), returnTo), "Try again");
        }
        SessionView session = ex.session();
        if (session.id().isEmpty()) {
            session.put(PendingSignIns.KEY, PendingSignIns.empty());
            // a session made only for a sign-in lives no longer than the sign-in may take
            session.limitLifetime(PendingSignIns.LIFETIME.plusMinutes(1));
        }
        synchronized (session.mutex()) {
            PendingSignIns pending = session.get(PendingSignIns.KEY, PendingSignIns.class).orElse(PendingSignIns.empty());
            // the new sign-in was made just now, by the provider's clock: entries older than their lifetime go
            session.put(PendingSignIns.KEY, pending.with(start.pending(), start.pending().createdAt()));
        }
        return new Outcome.Redirect(302, start.authorizationUri().toString());
    }
}
