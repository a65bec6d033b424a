package com.meshagent.filter.internal.oauth;

import com.meshagent.filter.MeshAgentUser;
import com.meshagent.filter.internal.json.Json;
import com.meshagent.filter.internal.metrics.Metrics;
import com.meshagent.filter.internal.session.PendingSignIn;
import com.meshagent.filter.internal.session.TokenSet;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * MeshAgent mode: no discovery document (docs/meshagent-protocol.md §2.1), so the endpoints are fixed paths
 * under the API URL ({@link MeshAgentEndpoints}); no ID token, the user comes from the profile endpoint.
 *
 * @param apiUrl     the MeshAgent API URL
 * @param providerId its base URL, which vouches for the users
 * @param endpoints  the authorization and token endpoints under {@code apiUrl}
 * @param requests   sends and times the profile request
 */
record MeshAgentProvider(URI apiUrl, String providerId, ProviderEndpoints endpoints, ProviderRequests requests)
        implements ProviderMode {

    /** The MeshAgent API at {@code apiUrl}, its provider id and endpoints derived from it. */
    MeshAgentProvider(URI apiUrl, ProviderRequests requests) {
        this(apiUrl, MeshAgentEndpoints.base(apiUrl), new ProviderEndpoints(MeshAgentEndpoints.authorize(apiUrl),
                MeshAgentEndpoints.token(apiUrl), null, null, null, false, null, null), requests);
    }

    /** Fixed paths: always known. */
    @Override
    public ProviderEndpoints knownEndpoints() {
        return endpoints;
    }

    /** MeshAgent does not send RFC 9207 {@code iss}; there is nothing to check. */
    @Override
    public Optional<String> checkIssuerParameter(String iss) {
        return Optional.empty();
    }

    @Override
    public SignInResult identify(ProviderEndpoints e, PendingSignIn pending, Map<String, Object> body, TokenSet set) {
        HTTPRequest req = new HTTPRequest(HTTPRequest.Method.GET, MeshAgentEndpoints.profile(apiUrl));
        req.setAuthorization(new BearerAccessToken(set.accessToken()).toAuthorizationHeader());
        req.setAccept("application/json");
        try {
            HTTPResponse http = requests.send(Metrics.ENDPOINT_PROFILE, req);
            if (http.getStatusCode() >= 500) {
                return new SignInResult.Failure(true, "provider_unavailable", "profile answered " + http.getStatusCode());
            }
            if (http.getStatusCode() != 200) {
                return new SignInResult.Failure(false, "profile_rejected", "profile answered " + http.getStatusCode());
            }
            Map<String, Object> json = Json.parseObject(http.getBody());
            String id = Json.string(json, "id");
            if (id == null || id.isBlank()) {
                return new SignInResult.Failure(false, "profile_invalid", "profile has no id");
            }
            String email = Json.string(json, "email");
            String name = joinName(Json.string(json, "first_name"), Json.string(json, "last_name"));
            return new SignInResult.Success(new MeshAgentUser(providerId, id, email, name,
                    MeshAgentEndpoints.PROFILE_EMAIL_VERIFIED), set);
        } catch (IOException ex) {
            return new SignInResult.Failure(true, "provider_unavailable", "profile request failed: " + ex.getMessage());
        } catch (IllegalArgumentException ex) {
            return new SignInResult.Failure(false, "profile_invalid", "unreadable profile response");
        }
    }

    @Override
    public RefreshResult refreshed(ProviderEndpoints e, Map<String, Object> body, TokenSet fresh) {
        return new RefreshResult.Refreshed(fresh);
    }

    private static String joinName(String first, String last) {
        String s = ((first == null ? "" : first) + " " + (last == null ? "" : last)).trim();
        return s.isEmpty() ? null : s;
    }
}
