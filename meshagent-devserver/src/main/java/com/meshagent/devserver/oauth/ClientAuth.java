package com.meshagent.devserver.oauth;

import com.meshagent.devserver.http.ApiError;
import com.meshagent.devserver.http.Call;
import com.meshagent.devserver.state.AccountsState;
import com.meshagent.devserver.state.OAuthClient;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Client authentication at the token and revocation endpoints (RFC 6749 §2.3.1): HTTP Basic with
 * form-encoded id and secret, or {@code client_id}/{@code client_secret} in the body; a public client
 * sends only {@code client_id}. Using both methods at once is refused.
 */
final class ClientAuth {
    private ClientAuth() {}

    static OAuthClient authenticate(Call call, Map<String, List<String>> params, AccountsState accounts) {
        String bodyId = single(params, "client_id");
        String bodySecret = single(params, "client_secret");
        Optional<String[]> basic = basic(call);
        String id;
        String secret;
        if (basic.isPresent()) {
            if (bodySecret != null) {
                throw new ApiError(400, "invalid_request", "use one client authentication method, not two");
            }
            id = basic.get()[0];
            secret = basic.get()[1];
            if (bodyId != null && !bodyId.equals(id)) {
                throw new ApiError(400, "invalid_request", "client_id in the body differs from the Basic credentials");
            }
        } else {
            id = bodyId;
            secret = bodySecret;
        }
        if (id == null) {
            throw invalidClient("client authentication is missing");
        }
        OAuthClient client = accounts.snapshot().clients().get(id);
        if (client == null) {
            throw invalidClient("client authentication failed");
        }
        if (client.isPublic()) {
            if (secret != null && !secret.isEmpty()) {
                throw invalidClient("client authentication failed");
            }
            return client;
        }
        if (!client.secretMatches(secret)) {
            throw invalidClient("client authentication failed");
        }
        return client;
    }

    private static ApiError invalidClient(String message) {
        return new ApiError(401, "invalid_client", message);
    }

    /** The (id, secret) of an {@code Authorization: Basic} header; 401 when it is malformed. */
    private static Optional<String[]> basic(Call call) {
        Optional<String> header = call.header("Authorization");
        if (header.isEmpty() || !header.get().regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.get().substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("no colon");
            }
            return Optional.of(new String[] {
                URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)});
        } catch (IllegalArgumentException e) {
            throw new ApiError(401, "invalid_client", "malformed Basic credentials");
        }
    }

    /** The single value of {@code name} (null when absent); 400 when repeated (RFC 6749 §3.2). */
    static String single(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (v.size() > 1) {
            throw new ApiError(400, "invalid_request", "parameter " + name + " appears more than once");
        }
        return v.get(0).isEmpty() ? null : v.get(0);
    }
}
