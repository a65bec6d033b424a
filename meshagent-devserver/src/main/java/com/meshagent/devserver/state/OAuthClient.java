package com.meshagent.devserver.state;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A project OAuth client (docs/meshagent-protocol.md §7). The secret is kept only as its SHA-256
 * ({@code secretHash}, null for a public client). {@code backchannelLogoutUri} (OpenID Connect
 * Back-Channel Logout 1.0, null for none) receives a logout token when a user's sign-in ends.
 */
public record OAuthClient(String clientId, String secretHash, List<String> grantTypes, List<String> responseTypes,
        List<String> redirectUris, String scope, Map<String, String> metadata, boolean official,
        String backchannelLogoutUri) {

    /** A client without a back-channel logout URI. */
    public OAuthClient(String clientId, String secretHash, List<String> grantTypes, List<String> responseTypes,
            List<String> redirectUris, String scope, Map<String, String> metadata, boolean official) {
        this(clientId, secretHash, grantTypes, responseTypes, redirectUris, scope, metadata, official, null);
    }

    public OAuthClient {
        Objects.requireNonNull(clientId, "clientId");
        grantTypes = List.copyOf(grantTypes);
        responseTypes = List.copyOf(responseTypes);
        redirectUris = List.copyOf(redirectUris);
        scope = scope == null ? "" : scope.trim();
        metadata = Map.copyOf(metadata);
    }

    /** This client with {@code redirectUris} instead of its own. */
    public OAuthClient withRedirectUris(List<String> uris) {
        return new OAuthClient(clientId, secretHash, grantTypes, responseTypes, uris, scope, metadata, official,
                backchannelLogoutUri);
    }

    /** This client with {@code uri} as its back-channel logout URI (null for none). */
    public OAuthClient withBackchannelLogoutUri(String uri) {
        return new OAuthClient(clientId, secretHash, grantTypes, responseTypes, redirectUris, scope, metadata, official,
                uri);
    }

    /**
     * The registration as JSON members (RFC 7591 names), without the secret: what both the REST API and the
     * data file say of the client. A fresh map, for the caller to add its own members to.
     */
    public Map<String, Object> registration() {
        Map<String, Object> m = JsonObjects.ordered("client_id", clientId, "grant_types", grantTypes,
                "response_types", responseTypes, "redirect_uris", redirectUris, "scope", scope, "metadata", metadata,
                "official", official);
        if (backchannelLogoutUri != null) {
            m.put("backchannel_logout_uri", backchannelLogoutUri);
        }
        return m;
    }

    public boolean isPublic() {
        return secretHash == null;
    }

    /** The client's scopes, as registered (not normalised). */
    public Set<String> scopes() {
        Set<String> out = new LinkedHashSet<>();
        if (!scope.isEmpty()) {
            out.addAll(Arrays.asList(scope.split("\\s+")));
        }
        return out;
    }

    public boolean secretMatches(String presented) {
        return secretHash != null && presented != null && Secrets.equal(secretHash, Secrets.sha256Hex(presented));
    }

    @Override
    public String toString() {
        return "OAuthClient[clientId=" + clientId + ", public=" + isPublic() + ", grantTypes=" + grantTypes
                + ", redirectUris=" + redirectUris + ", scope=" + scope + ", backchannelLogoutUri=" + backchannelLogoutUri + "]";
    }
}
