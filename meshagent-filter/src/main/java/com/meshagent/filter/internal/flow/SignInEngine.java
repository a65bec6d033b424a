package com.meshagent.filter.internal.flow;

import com.meshagent.filter.MeshAgentConfig;
import com.meshagent.filter.MeshAgentUser;
import com.meshagent.filter.cluster.ProviderLogouts;
import com.meshagent.filter.internal.metrics.Metrics;
import com.meshagent.filter.internal.oauth.CoordinatedRefresh;
import com.meshagent.filter.internal.oauth.ProviderClient;
import com.meshagent.filter.internal.oauth.SingleFlightRefresher;
import com.meshagent.filter.room.RoomTokens;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The framework-neutral core of the filter: maps a request to its handler and returns an {@link Outcome}.
 * Thread-safe; one per filter instance.
 */
public final class SignInEngine {

    private final CurrentUser currentUser;
    private final Router router;
    private final PathPatterns protectedPaths;
    private final PathPatterns excludedPaths;
    private final String backChannelLogoutPath;
    private final BackChannelLogout backChannelLogout;

    public SignInEngine(MeshAgentConfig config, Optional<RoomTokens> roomTokens) {
        // a waiter never waits longer than the one refreshing can take
        Duration maxWait = config.connectTimeout().plus(config.readTimeout()).plusSeconds(1);
        Metrics metrics = Metrics.of(config.meterRegistry());
        ProviderClient provider = new ProviderClient(ProviderClient.Settings.of(config), metrics);
        roomTokens.ifPresent(metrics::watch);
        SingleFlightRefresher refresher = new SingleFlightRefresher(
                new CoordinatedRefresh(config.refreshCoordinator(), provider::refresh), maxWait, config.clock(), metrics);
        java.util.function.Consumer<MeshAgentUser> dropRoomTokens = user -> roomTokens.ifPresent(t -> t.invalidateUser(user));
        ProviderLogouts logouts = config.providerLogouts();
        this.currentUser = new CurrentUser(refresher, config.clock(), config.refreshSkew(), !config.oidcMode() ? s -> false
                : s -> logouts.ended(s.user().provider(), s.sid(), s.user().id(), s.signedInAt()), dropRoomTokens);
        this.backChannelLogoutPath = config.oidcMode() ? config.backChannelLogoutPath() : null;
        this.backChannelLogout = new BackChannelLogout(provider, logouts);
        StartSignIn startSignIn = new StartSignIn(provider);
        CompleteSignIn completeSignIn = new CompleteSignIn(provider, config.clock(), dropRoomTokens, metrics);
        String appOrigin = RequestKind.originOf(config.redirectUri());
        SignOut signOut = new SignOut(provider, appOrigin, config.afterLogoutPath(), dropRoomTokens);
        SessionInfo sessionInfo = new SessionInfo(currentUser);
        RoomEndpoints rooms = new RoomEndpoints(roomTokens, currentUser, appOrigin,
                new MintRateLimit(config.roomTokenRateLimit(), config.roomTokenRateWindow(), config.clock()), metrics);
        this.router = new Router(startSignIn::handle, completeSignIn::handle, signOut::handle, sessionInfo::handle,
                rooms::rooms, rooms::token);
        this.protectedPaths = new PathPatterns(config.protectedPaths());
        this.excludedPaths = new PathPatterns(config.excludedPaths());
    }

    /** Decides what to do with one request. */
    public Outcome handle(Exchange ex) {
        String path = ex.path();
        if (path.equals(backChannelLogoutPath)) {
            return backChannelLogout.handle(ex); // called by the provider, not a browser: no same-origin rule
        }
        if (path.equals(Links.PREFIX) || path.startsWith(Links.PREFIX + "/")) {
            return router.route(ex);
        }
        if (!protectedPaths.matches(path) || excludedPaths.matches(path)) {
            CurrentUser.Status s = currentUser.peek(ex.session());
            return new Outcome.Continue(s instanceof CurrentUser.SignedIn in ? in.session().user() : null);
        }
        return requireSignIn(ex);
    }

    /** The current user's access token, refreshed if needed; empty when signed out or unavailable. */
    public Optional<String> accessToken(SessionView session) {
        return currentUser.resolve(session) instanceof CurrentUser.SignedIn s
                ? Optional.of(s.session().tokens().accessToken()) : Optional.empty();
    }

    private Outcome requireSignIn(Exchange ex) {
        CurrentUser.Status status = currentUser.resolve(ex.session());
        if (status instanceof CurrentUser.SignedIn s) {
            return new Outcome.Continue(s.session().user());
        }
        if (status instanceof CurrentUser.Unavailable) {
            return Replies.errorWithRetry(ex, 503, Reason.PROVIDER_UNAVAILABLE, "MeshAgent is unavailable",
                    Replies.RENEWAL_UNAVAILABLE, ex.contextPath() + ReturnPaths.sanitize(ex.requestTarget()), "Retry");
        }
        String login = Links.login(ex.contextPath(), ex.requestTarget());
        if (RequestKind.wantsJson(ex)) {
            return new Outcome.Problem(401, Reason.NOT_SIGNED_IN, "Sign in first", "This resource needs a signed-in user.",
                    Map.of("login_url", login));
        }
        return new Outcome.Redirect(302, login);
    }
}
