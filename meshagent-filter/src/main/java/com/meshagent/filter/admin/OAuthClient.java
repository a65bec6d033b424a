package com.meshagent.filter.admin;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A project OAuth client as MeshAgent lists it (docs/meshagent-protocol.md §7), without its secret; the secret
 * is only ever returned by {@link MeshAgentApi#createOAuthClient}, in {@link CreatedOAuthClient}.
 *
 * @param scope space-separated scopes (one string on the wire, not a list)
 * @param metadata string metadata; the Studio "name" is {@code metadata.name}
 */
public record OAuthClient(String clientId, List<String> grantTypes, List<String> responseTypes,
        List<String> redirectUris, String scope, String projectId, Map<String, String> metadata, boolean official) {

    public OAuthClient {
        Objects.requireNonNull(clientId, "clientId");
        grantTypes = List.copyOf(grantTypes);
        responseTypes = List.copyOf(responseTypes);
        redirectUris = List.copyOf(redirectUris);
        metadata = Map.copyOf(metadata);
    }

    /**
     * The client's name as MeshAgent's studio shows it.
     *
     * @return {@code metadata.name}, or {@code null}
     */
    public String name() {
        return metadata.get("name");
    }
}
