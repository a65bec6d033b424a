package com.meshagent.filter.internal.flow;

import com.meshagent.filter.MeshAgentUser;
import com.meshagent.filter.internal.log.Log;
import com.meshagent.filter.internal.metrics.Metrics;
import com.meshagent.filter.room.RoomTokens;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /meshagent/rooms/{room}/token} and {@code GET /meshagent/rooms}: thin wiring over
 * {@link RoomTokens}, which asks the policy and mints. Same-origin and sign-in are checked here first.
 */
final class RoomEndpoints {

    private static final Log LOG = Log.of(RoomEndpoints.class);
    static final String NOT_CONFIGURED = "Room tokens need a MeshAgent API key (MESHAGENT_API_KEY or meshagent.api-key)"
            + " and a RoomAccessPolicy (MeshAgentConfig.builder().roomAccessPolicy(...)).";

    private final Optional<RoomTokens> roomTokens;
    private final CurrentUser currentUser;
    private final String appOrigin;
    private final MintRateLimit rateLimit;
    private final Metrics metrics;

    RoomEndpoints(Optional<RoomTokens> roomTokens, CurrentUser currentUser, String appOrigin, MintRateLimit rateLimit,
            Metrics metrics) {
        this.roomTokens = roomTokens;
        this.currentUser = currentUser;
        this.appOrigin = appOrigin;
        this.rateLimit = rateLimit;
        this.metrics = metrics;
    }

    Outcome token(Exchange ex, String room) {
        if (roomTokens.isEmpty()) {
            return notConfigured();
        }
        if (!RequestKind.sameOrigin(ex, appOrigin)) {
            LOG.warn("room token refused: not a same-origin request");
            return new Outcome.Problem(403, Reason.CROSS_ORIGIN, "Room token refused",
                    "Room tokens are only given to this application's own pages: ask with a same-origin fetch, or"
                            + " send Origin: " + appOrigin + ".");
        }
        CurrentUser.Status status = currentUser.resolve(ex.session());
        if (!(status instanceof CurrentUser.SignedIn signedIn)) {
            return notSignedIn(status, ex);
        }
        MeshAgentUser user = signedIn.session().user();
        if (!rateLimit.tryAcquire(user)) {
            LOG.warn("room token for user {} refused: too many requests", user.id());
            metrics.roomToken(Metrics.ROOM_RATE_LIMITED);
            return new Outcome.Problem(429, Reason.RATE_LIMITED, "Too many room token requests",
                    "Wait a minute before asking for more room tokens.");
        }
        RoomTokens.Result result = roomTokens.get().issue(user, room);
        if (result instanceof RoomTokens.Issued i) {
            return new Outcome.Json(200, i.json()); // written once per minted token, not per request
        }
        if (result instanceof RoomTokens.InvalidRoomName n) {
            metrics.roomToken(Metrics.ROOM_INVALID_NAME);
            return new Outcome.Problem(400, Reason.INVALID_ROOM_NAME, "Invalid room name", n.message());
        }
        if (result instanceof RoomTokens.Denied d) {
            metrics.roomToken(Metrics.ROOM_DENIED);
            return new Outcome.Problem(403, Reason.ROOM_ACCESS_DENIED, "Room access denied", d.reason());
        }
        RoomTokens.Failed f = (RoomTokens.Failed) result;
        metrics.roomToken(Metrics.ROOM_FAILED);
        LOG.warn("room token for user {} failed: {}", user.id(), f.reason());
        return new Outcome.Problem(500, Reason.of(f.reason()), "Room token could not be issued", f.detail());
    }

    Outcome rooms(Exchange ex) {
        if (roomTokens.isEmpty()) {
            return notConfigured();
        }
        CurrentUser.Status status = currentUser.resolve(ex.session());
        if (!(status instanceof CurrentUser.SignedIn signedIn)) {
            return notSignedIn(status, ex);
        }
        return new Outcome.Json(200, Map.of("rooms", roomTokens.get().suggestedRooms(signedIn.session().user())));
    }

    /** Signed out: 401 with the login URL. Signed in but the provider cannot renew the access now: 503, session kept. */
    private static Outcome notSignedIn(CurrentUser.Status status, Exchange ex) {
        if (status instanceof CurrentUser.Unavailable) {
            return new Outcome.Problem(503, Reason.PROVIDER_UNAVAILABLE, "MeshAgent is unavailable",
                    Replies.RENEWAL_UNAVAILABLE);
        }
        return new Outcome.Problem(401, Reason.NOT_SIGNED_IN, "Sign in first", "Room tokens are for signed-in users.",
                Map.of("login_url", Links.login(ex.contextPath(), ReturnPaths.DEFAULT)));
    }

    private static Outcome notConfigured() {
        return new Outcome.Problem(503, Reason.ROOMS_NOT_CONFIGURED, "Rooms are not configured", NOT_CONFIGURED);
    }
}
