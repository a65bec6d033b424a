package com.meshagent.devserver.accounts;

import com.meshagent.devserver.http.ApiError;
import com.meshagent.devserver.http.Call;
import com.meshagent.devserver.http.Reply;
import com.meshagent.devserver.oauth.BackchannelLogout;
import com.meshagent.devserver.oauth.Knobs;
import com.meshagent.devserver.state.AccountsState;
import com.meshagent.devserver.state.User;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Devserver-only endpoints for tests and benchmarks under {@code /dev/}, callable with the project's API key
 * only: {@code POST /dev/end-sessions} ends all sign-ins of a user (as a provider-side sign-out would) and
 * {@code GET /dev/stats} counts token requests by grant type.
 */
public record DevEndpoints(Authenticator auth, AccountsState accounts, BackchannelLogout logout, Knobs knobs) {
    private static final Logger LOG = LoggerFactory.getLogger(DevEndpoints.class);

    /** {@code {"email": "..."}}: ends the user's sign-ins, revokes their tokens, sends logout tokens. */
    public Reply endSessions(Call call) throws Exception {
        requireApiKey(call);
        Map<String, Object> body = call.jsonObject();
        JsonBody.onlyKeys(body, Set.of("email"), "end-sessions request");
        String email = JsonBody.string(body, "email", true, 254);
        User user = accounts.snapshot().userByEmail(email)
                .orElseThrow(() -> ApiError.notFound("no user with that email has signed in"));
        List<BackchannelLogout.Delivery> deliveries = logout.endSignIns(user.id());
        LOG.info("ended the sign-ins of user {}: {} back-channel logout deliveries", user.id(), deliveries.size());
        List<Object> sent = new ArrayList<>();
        for (BackchannelLogout.Delivery d : deliveries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("client_id", d.clientId());
            m.put("status", d.status());
            if (d.problem() != null) {
                m.put("problem", d.problem());
            }
            sent.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user_id", user.id());
        out.put("logout_tokens", sent);
        return Reply.noStore(200, out);
    }

    /** {@code {"token_requests": {"authorization_code": N, "refresh_token": N}}}. */
    public Reply stats(Call call) {
        requireApiKey(call);
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("authorization_code", knobs.tokenRequests("authorization_code"));
        counts.put("refresh_token", knobs.tokenRequests("refresh_token"));
        return Reply.noStore(200, Map.of("token_requests", counts));
    }

    private void requireApiKey(Call call) {
        if (!(auth.require(call) instanceof Caller.ApiKeyCaller)) {
            throw ApiError.forbidden("the /dev/ endpoints need the project's API key");
        }
    }
}
