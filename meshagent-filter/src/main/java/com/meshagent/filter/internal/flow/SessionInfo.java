package com.meshagent.filter.internal.flow;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /meshagent/session}: who is signed in and until when; never a token. */
final class SessionInfo {

    private final CurrentUser currentUser;

    SessionInfo(CurrentUser currentUser) {
        this.currentUser = currentUser;
    }

    Outcome handle(Exchange ex) {
        CurrentUser.Status status = currentUser.resolve(ex.session());
        Map<String, Object> body = new LinkedHashMap<>();
        if (status instanceof CurrentUser.SignedIn s) {
            body.put("signed_in", true);
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("id", s.session().user().id());
            user.put("email", s.session().user().email());
            user.put("name", s.session().user().name());
            body.put("user", user);
            body.put("expires_at", s.session().tokens().expiresAt().toString());
            return new Outcome.Json(200, body);
        }
        if (status instanceof CurrentUser.Unavailable) {
            return new Outcome.Problem(503, Reason.PROVIDER_UNAVAILABLE, "MeshAgent is unavailable",
                    "Your sign-in is kept; the access token could not be refreshed right now.");
        }
        body.put("signed_in", false);
        body.put("login_url", Links.login(ex.contextPath(), ReturnPaths.DEFAULT));
        return new Outcome.Json(200, body);
    }
}
