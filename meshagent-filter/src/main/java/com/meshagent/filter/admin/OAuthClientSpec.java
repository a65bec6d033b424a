package com.meshagent.filter.admin;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The writable fields of a project OAuth client (docs/meshagent-protocol.md §7). For a create every field is
 * sent ({@code null} lists as empty); for an update only the non-{@code null} fields are sent.
 *
 * <p>Checked here, before anything is sent: an {@code authorization_code} client needs at least one
 * redirect URI, and redirect URIs must be absolute without a fragment.
 *
 * @param grantTypes    the {@code grant_types}; on a create {@code null} means {@code authorization_code} and
 *                      {@code refresh_token}
 * @param responseTypes the {@code response_types}; on a create {@code null} means {@code code}
 * @param redirectUris  the absolute callback URLs; on a create {@code null} means none
 * @param scope         space-separated scopes the client may be granted; on a create {@code null} means none
 * @param name          {@code metadata.name}; {@code null} leaves it out
 * @param official      MeshAgent's {@code official} flag; on a create {@code null} means {@code false}
 */
public record OAuthClientSpec(List<String> grantTypes, List<String> responseTypes, List<String> redirectUris,
        String scope, String name, Boolean official) {

    /**
     * Copies the lists, unmodifiable, and checks each redirect URI (absolute, no fragment).
     *
     * @param grantTypes    the {@code grant_types}; on a create {@code null} means {@code authorization_code} and
     *                      {@code refresh_token}
     * @param responseTypes the {@code response_types}; on a create {@code null} means {@code code}
     * @param redirectUris  the absolute callback URLs; on a create {@code null} means none
     * @param scope         space-separated scopes the client may be granted; on a create {@code null} means none
     * @param name          {@code metadata.name}; {@code null} leaves it out
     * @param official      MeshAgent's {@code official} flag; on a create {@code null} means {@code false}
     */
    public OAuthClientSpec {
        grantTypes = grantTypes == null ? null : List.copyOf(grantTypes);
        responseTypes = responseTypes == null ? null : List.copyOf(responseTypes);
        redirectUris = redirectUris == null ? null : List.copyOf(redirectUris);
        if (redirectUris != null) {
            for (String uri : redirectUris) {
                checkRedirectUri(uri);
            }
        }
    }

    /**
     * A confidential web-app client: {@code authorization_code} + {@code refresh_token}, response type
     * {@code code}, not official.
     *
     * @param name         the client's display name
     * @param redirectUris the absolute callback URLs; at least one
     * @param scope        space-separated scopes the client may be granted
     * @return the spec for a create
     */
    public static OAuthClientSpec webApp(String name, List<String> redirectUris, String scope) {
        return new OAuthClientSpec(List.of("authorization_code", "refresh_token"), List.of("code"), redirectUris,
                scope, name, false);
    }

    /** For a create: every field, with the rule that {@code authorization_code} needs a redirect URI. */
    Map<String, Object> toCreateBody() {
        List<String> grants = grantTypes == null ? List.of("authorization_code", "refresh_token") : grantTypes;
        List<String> uris = redirectUris == null ? List.of() : redirectUris;
        requireRedirectUriFor(grants, uris);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("grant_types", grants);
        body.put("response_types", responseTypes == null ? List.of("code") : responseTypes);
        body.put("redirect_uris", uris);
        body.put("scope", scope == null ? "" : scope);
        body.put("metadata", name == null ? Map.of() : Map.of("name", name));
        body.put("official", official != null && official);
        return body;
    }

    /** For an update: only what is set; {@code current} is the client as stored, to check the merged result. */
    Map<String, Object> toUpdateBody(OAuthClient current) {
        requireRedirectUriFor(grantTypes != null ? grantTypes : current.grantTypes(),
                redirectUris != null ? redirectUris : current.redirectUris());
        Map<String, Object> body = new LinkedHashMap<>();
        put(body, "grant_types", grantTypes);
        put(body, "response_types", responseTypes);
        put(body, "redirect_uris", redirectUris);
        put(body, "scope", scope);
        if (name != null) {
            Map<String, String> metadata = new LinkedHashMap<>(current.metadata());
            metadata.put("name", name);
            body.put("metadata", metadata);
        }
        put(body, "official", official);
        if (body.isEmpty()) {
            throw new IllegalArgumentException("update changes nothing: set at least one field");
        }
        return body;
    }

    private static void put(Map<String, Object> body, String key, Object value) {
        if (value != null) {
            body.put(key, value);
        }
    }

    private static void requireRedirectUriFor(List<String> grantTypes, List<String> redirectUris) {
        if (grantTypes.contains("authorization_code") && redirectUris.isEmpty()) {
            throw new IllegalArgumentException("redirectUris: an authorization_code client needs at least one redirect URI");
        }
    }

    private static void checkRedirectUri(String uri) {
        URI parsed;
        try {
            parsed = URI.create(uri);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("redirectUris: not a URI: " + uri);
        }
        if (!parsed.isAbsolute() || parsed.getRawFragment() != null) {
            throw new IllegalArgumentException("redirectUris: must be absolute without a fragment: " + uri);
        }
    }
}
