package com.meshagent.filter.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * External OAuth registrations: MeshAgent-held configuration of a third-party OAuth provider used by
 * integrations (docs/meshagent-protocol.md §8), at project or room level. JSON shapes from the last Python
 * client that had these calls (§8 marks whether the server still serves them as unknown).
 */
public final class ExternalOAuth {
    private ExternalOAuth() {}

    /**
     * The {@code oauth} object (unknown keys are refused by the server). {@code clientSecret} may be
     * {@code null}; {@link #toString()} redacts it.
     *
     * @param clientId              the client id at the third-party provider, never {@code null}
     * @param clientSecret          the client secret there, or {@code null}; a secret
     * @param authorizationEndpoint the provider's authorization endpoint URL, never {@code null}
     * @param tokenEndpoint         the provider's token endpoint URL, never {@code null}
     * @param noPkce                {@code true} when the provider is used without PKCE
     * @param scopes                the scopes to request; {@code null} reads as none
     */
    public record Provider(String clientId, String clientSecret, String authorizationEndpoint, String tokenEndpoint,
            boolean noPkce, List<String> scopes) {
        /**
         * Requires the client id and both endpoints; copies the scopes, unmodifiable.
         *
         * @param clientId              the client id at the third-party provider, never {@code null}
         * @param clientSecret          the client secret there, or {@code null}; a secret
         * @param authorizationEndpoint the provider's authorization endpoint URL, never {@code null}
         * @param tokenEndpoint         the provider's token endpoint URL, never {@code null}
         * @param noPkce                {@code true} when the provider is used without PKCE
         * @param scopes                the scopes to request; {@code null} reads as none
         */
        public Provider {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(authorizationEndpoint, "authorizationEndpoint");
            Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
            scopes = scopes == null ? List.of() : List.copyOf(scopes);
        }

        Map<String, Object> toWire() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("client_id", clientId);
            m.put("client_secret", clientSecret);
            m.put("authorization_endpoint", authorizationEndpoint);
            m.put("token_endpoint", tokenEndpoint);
            m.put("no_pkce", noPkce);
            m.put("scopes", scopes);
            return m;
        }

        @Override
        public String toString() {
            return "Provider[clientId=" + clientId + ", authorizationEndpoint=" + authorizationEndpoint + ", tokenEndpoint="
                    + tokenEndpoint + ", noPkce=" + noPkce + ", scopes=" + scopes + ", clientSecret="
                    + (clientSecret == null ? "none" : "<redacted>") + "]";
        }
    }

    /**
     * The {@code connector} object; every field may be {@code null}.
     *
     * @param openaiConnectorId the {@code openai_connector_id}
     * @param serverUrl         the {@code server_url}
     * @param clientSecretId    the {@code client_secret_id}
     */
    public record Connector(String openaiConnectorId, String serverUrl, String clientSecretId) {
        Map<String, Object> toWire() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("openai_connector_id", openaiConnectorId);
            m.put("server_url", serverUrl);
            m.put("client_secret_id", clientSecretId);
            return m;
        }
    }

    /**
     * What a create or update sends.
     *
     * @param oauth       the provider configuration, never {@code null}
     * @param connector   the connector, or {@code null}
     * @param delegatedTo the {@code delegated_to} value, or {@code null}
     */
    public record Spec(Provider oauth, Connector connector, String delegatedTo) {
        /**
         * Requires {@code oauth}.
         *
         * @param oauth       the provider configuration, never {@code null}
         * @param connector   the connector, or {@code null}
         * @param delegatedTo the {@code delegated_to} value, or {@code null}
         */
        public Spec {
            Objects.requireNonNull(oauth, "oauth");
        }

        Map<String, Object> toWire() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("oauth", oauth.toWire());
            m.put("client_id", oauth.clientId());
            m.put("client_secret", oauth.clientSecret());
            m.put("connector", connector == null ? null : connector.toWire());
            m.put("delegated_to", delegatedTo);
            return m;
        }
    }

    /**
     * A listed registration. The provider's client secret, when the server lists it, is not kept: this
     * library never hands stored secrets back.
     *
     * @param id                    the registration's id, never {@code null}
     * @param delegatedTo           the {@code delegated_to} value, or {@code null}
     * @param clientId              the client id at the third-party provider, or {@code null}
     * @param authorizationEndpoint the provider's authorization endpoint URL, or {@code null}
     * @param tokenEndpoint         the provider's token endpoint URL, or {@code null}
     * @param scopes                the scopes; empty when none were listed
     * @param serverUrl             the connector's {@code server_url}, or {@code null}
     */
    public record Registration(String id, String delegatedTo, String clientId, String authorizationEndpoint,
            String tokenEndpoint, List<String> scopes, String serverUrl) {
        /**
         * Requires an id; copies the scopes, unmodifiable ({@code null} reads as empty).
         *
         * @param id                    the registration's id, never {@code null}
         * @param delegatedTo           the {@code delegated_to} value, or {@code null}
         * @param clientId              the client id at the third-party provider, or {@code null}
         * @param authorizationEndpoint the provider's authorization endpoint URL, or {@code null}
         * @param tokenEndpoint         the provider's token endpoint URL, or {@code null}
         * @param scopes                the scopes; empty when none were listed
         * @param serverUrl             the connector's {@code server_url}, or {@code null}
         */
        public Registration {
            Objects.requireNonNull(id, "id");
            scopes = scopes == null ? List.of() : List.copyOf(scopes);
        }
    }
}
