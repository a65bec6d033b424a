package com.meshagent.filter.internal.flow;

import com.meshagent.filter.cluster.ProviderLogouts;
import com.meshagent.filter.internal.oauth.LogoutTokens;
import com.meshagent.filter.internal.oauth.ProviderClient;
import com.meshagent.filter.internal.oauth.ProviderException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.meshagent.filter.internal.log.Log;

/**
 * The back-channel logout endpoint (OpenID Connect Back-Channel Logout 1.0 §2.5, §2.8): the provider POSTs a
 * logout token; a valid one whose {@code jti} was never used (on any node sharing the {@link ProviderLogouts}) is
 * recorded, and every session of that sign-in ends at its next request on any node. Called by the provider,
 * not a browser: no session, no same-origin check. Errors are 400 {@code {"error":"invalid_request"}} as the
 * spec asks; the token never reaches the log.
 */
final class BackChannelLogout {

    private static final Log LOG = Log.of(BackChannelLogout.class);

    private final ProviderClient provider;
    private final ProviderLogouts logouts;

    BackChannelLogout(ProviderClient provider, ProviderLogouts logouts) {
        this.provider = provider;
        this.logouts = logouts;
    }

    Outcome handle(Exchange ex) {
        if (!"POST".equals(ex.method())) {
            LOG.warn("back-channel logout refused: method {}", ex.method());
            return new Outcome.MethodNotAllowed("POST", error(405, "invalid_request",
                    "use POST with a form-encoded logout_token"));
        }
        List<String> tokens = ex.formParams("logout_token");
        if (tokens.size() != 1 || tokens.get(0).isBlank()) {
            LOG.warn("back-channel logout refused: {} logout_token parameters", tokens.size());
            return error(400, "invalid_request", "exactly one logout_token form parameter is required");
        }
        LogoutTokens.Checked checked;
        try {
            checked = provider.logoutToken(tokens.get(0));
        } catch (ProviderException e) {
            if ("provider_unavailable".equals(e.reason())) {
                LOG.warn("back-channel logout not processed: {}", e.getMessage());
                return error(503, "temporarily_unavailable", "the provider's keys could not be fetched");
            }
            LOG.warn("back-channel logout token refused: {}", e.getMessage());
            return error(400, "invalid_request", "logout token refused: " + e.getMessage());
        }
        boolean fresh;
        try {
            fresh = logouts.record(new ProviderLogouts.Logout(checked.issuer(), checked.sid(), checked.sub(),
                    checked.jti(), checked.issuedAt()));
        } catch (RuntimeException e) {
            LOG.warn("back-channel logout not recorded: {}", e.getMessage());
            return error(503, "temporarily_unavailable", "the logout could not be recorded; retry");
        }
        if (!fresh) {
            LOG.warn("back-channel logout token refused: jti already used");
            return error(400, "invalid_request", "logout token refused: jti already used");
        }
        LOG.info("provider ended sign-ins of {} ({})", checked.sub() != null ? "user " + checked.sub() : "a session",
                checked.sid() != null ? "by session id" : "all sessions of the user");
        return new Outcome.Json(200, Map.of());
    }

    private static Outcome error(int status, String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return new Outcome.Json(status, body);
    }
}
