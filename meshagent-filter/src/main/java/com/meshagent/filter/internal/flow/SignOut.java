package com.meshagent.filter.internal.flow;

import com.meshagent.filter.MeshAgentUser;
import com.meshagent.filter.internal.log.Log;
import com.meshagent.filter.internal.oauth.ProviderClient;
import com.meshagent.filter.internal.session.SignedInSession;
import java.net.URI;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code POST /meshagent/logout} (same-origin only): ends the session, revokes the refresh token where the
 * provider offers revocation, drops the user's cached room tokens, and redirects to the provider's end-session
 * endpoint (OIDC) or straight to the configured after-logout page. No request parameter can change where
 * the browser goes.
 */
final class SignOut {

    private static final Log LOG = Log.of(SignOut.class);

    private final ProviderClient provider;
    private final String appOrigin;
    private final String afterLogoutPath;
    private final Consumer<MeshAgentUser> onSignOut;

    SignOut(ProviderClient provider, String appOrigin, String afterLogoutPath, Consumer<MeshAgentUser> onSignOut) {
        this.provider = provider;
        this.appOrigin = appOrigin;
        this.afterLogoutPath = afterLogoutPath;
        this.onSignOut = onSignOut;
    }

    Outcome handle(Exchange ex) {
        if (!RequestKind.sameOrigin(ex, appOrigin)) {
            LOG.warn("sign-out refused: not a same-origin request");
            return Replies.error(ex, 403, Reason.CROSS_ORIGIN, "Sign-out refused",
                    "Sign-out must come from this application's own pages.");
        }
        SessionView session = ex.session();
        Optional<SignedInSession> signedIn = session.get(SignedInSession.KEY, SignedInSession.class);
        session.invalidate();
        String local = ex.contextPath() + afterLogoutPath;
        if (signedIn.isEmpty()) {
            return new Outcome.Redirect(303, local);
        }
        MeshAgentUser user = signedIn.get().user();
        onSignOut.accept(user);
        provider.revoke(signedIn.get().tokens());
        LOG.info("user {} signed out", user.id());
        URI afterLogout = URI.create(appOrigin + local);
        return new Outcome.Redirect(303, provider.endSessionUri(afterLogout).map(URI::toString).orElse(local));
    }
}
