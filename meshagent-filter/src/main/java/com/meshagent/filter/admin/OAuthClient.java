package com.meshagent.filter.admin;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A project OAuth client as MeshAgent lists it (docs/meshagent-protocol.md §7), without its secret; the secret
 * is only ever returned by {@link MeshAgentApi#createOAuthClient}, in {@link CreatedOAuthClient}.
 *
 * @param clientId      the client id, never {@code null}
 * @param grantTypes    the {@code grant_types}, such as {@code authorization_code} and {@code refresh_token}
 * @param responseTypes the {@code response_types}, such as {@code code}
 * @param redirectUris  the registered callback URLs
 * @param scope         space-separated scopes (one string on the wire, not a list), or {@code null}
 * @param projectId     the project the client belongs to, or {@code null} when not listed
 * @param metadata      string metadata; the Studio "name" is {@code metadata.name}
 * @param official      MeshAgent's {@code official} flag
 */
public record OAuthClient(String clientId, List<String> grantTypes, List<String> responseTypes,
        List<String> redirectUris, String scope, String projectId, Map<String, String> metadata, boolean official) {

    /**
     * Requires the client id; copies the lists and metadata, unmodifiable.
     *
     * @param clientId      the client id, never {@code null}
     * @param grantTypes    the {@code grant_types}, such as {@code authorization_code} and {@code refresh_token}
     * @param responseTypes the {@code response_types}, such as {@code code}
     * @param redirectUris  the registered callback URLs
     * @param scope         space-separated scopes (one string on the wire, not a list), or {@code null}
     * @param projectId     the project the client belongs to, or {@code null} when not listed
     * @param metadata      string metadata; the Studio "name" is {@code metadata.name}
     * @param official      MeshAgent's {@code official} flag
     */
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
