package com.meshagent.devserver.oauth;

import com.meshagent.devserver.http.ApiError;
import com.meshagent.devserver.http.Call;
import com.meshagent.devserver.http.Reply;
import com.meshagent.devserver.state.AccountsState;
import com.meshagent.devserver.state.OAuthClient;
import com.meshagent.devserver.state.User;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /oauth/token}: the {@code authorization_code} and {@code refresh_token} grants, form or JSON
 * bodies, responses per docs/meshagent-protocol.md §2.4 with {@code Cache-Control: no-store}, errors per
 * RFC 6749 §5.2. The test knobs (delay, forced failure, forced invalid_grant, counters) act here.
 */
public record TokenEndpoint(AccountsState accounts, TokenService tokens, TokenKnobs knobs, IdTokens idTokens) {
    private static final Logger LOG = LoggerFactory.getLogger(TokenEndpoint.class);

    public Reply post(Call call) throws Exception {
        Map<String, List<String>> params = call.formOrJsonParams();
        String grantType = ClientAuth.single(params, "grant_type");
        if (grantType != null) {
            knobs.countTokenRequest(grantType);
        }
        // Simulates a slow provider for the client's timeout tests (ends early when the server stops).
        knobs.awaitDelay();
        int failure = knobs.tokenEndpointFailure();
        if (failure != 0) {
            LOG.info("token endpoint: failing with {} (knob)", failure);
            throw new ApiError(failure, failure >= 500 ? "server_error" : "invalid_request",
                    "forced failure (devserver tokenEndpointFailure knob)");
        }
        if (grantType == null) {
            throw new ApiError(400, "invalid_request", "grant_type is required");
        }
        OAuthClient client = ClientAuth.authenticate(call, params, accounts);
        if (!grantType.equals("authorization_code") && !grantType.equals("refresh_token")) {
            throw new ApiError(400, "unsupported_grant_type", "supported: authorization_code, refresh_token");
        }
        if (!client.grantTypes().contains(grantType)) {
            throw new ApiError(400, "unauthorized_client", "this client may not use " + grantType);
        }
        TokenService.Issued issued = grantType.equals("authorization_code")
                ? authorizationCode(client, params) : refresh(client, params);
        return Reply.noStore(200, response(issued, grantType.equals("authorization_code")));
    }

    private TokenService.Issued authorizationCode(OAuthClient client, Map<String, List<String>> params) {
        String code = required(params, "code");
        String redirectUri = required(params, "redirect_uri");
        String verifier = required(params, "code_verifier");
        return tokens.redeemCode(code, client.clientId(), redirectUri, verifier,
                client.grantTypes().contains("refresh_token"));
    }

    private TokenService.Issued refresh(OAuthClient client, Map<String, List<String>> params) {
        String refreshToken = required(params, "refresh_token");
        if (knobs.forceInvalidGrant()) {
            throw new ApiError(400, "invalid_grant", "refresh refused (devserver forceInvalidGrant knob)");
        }
        return tokens.refresh(refreshToken, client.clientId(), Scopes.parse(ClientAuth.single(params, "scope")));
    }

    private Map<String, Object> response(TokenService.Issued issued, boolean initial) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", issued.accessToken());
        body.put("token_type", "Bearer");
        body.put("expires_in", issued.expiresIn());
        if (issued.refreshToken() != null) {
            body.put("refresh_token", issued.refreshToken());
        }
        body.put("scope", Scopes.join(issued.scopes()));
        if (initial && issued.scopes().contains("openid")) {
            Optional<User> user = Optional.ofNullable(accounts.snapshot().users().get(issued.userId()));
            if (user.isPresent()) {
                body.put("id_token", idTokens.sign(user.get(), issued.clientId(), issued.nonce(), tokens.now(),
                        issued.authTime(), Duration.ofSeconds(issued.expiresIn()), issued.scopes(),
                        issued.accessToken(), issued.sid()));
            }
        }
        return body;
    }

    private static String required(Map<String, List<String>> params, String name) {
        String v = ClientAuth.single(params, name);
        if (v == null) {
            throw new ApiError(400, "invalid_request", name + " is required");
        }
        return v;
    }
}
