package com.meshagent.filter.admin;

import com.meshagent.filter.HttpLimits;
import com.meshagent.filter.internal.http.BoundedHttpClient;
import com.meshagent.filter.internal.json.Json;
import com.meshagent.filter.room.ApiKey;
import com.meshagent.filter.room.RoomName;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A client for MeshAgent's provisioning REST API: project OAuth clients (docs/meshagent-protocol.md §7),
 * external OAuth registrations at project and room level (§8), and the caller's project role (§5.5).
 *
 * <pre>{@code
 * MeshAgentApi api = MeshAgentApi.builder().apiUrl(URI.create("https://api.meshagent.com"))
 *         .apiKey(System.getenv("MESHAGENT_API_KEY")).build();
 * CreatedOAuthClient created = api.createOAuthClient(projectId,
 *         OAuthClientSpec.webApp("My app", List.of("https://app.example.com/meshagent/callback"), "profile:read"));
 * }</pre>
 *
 * <p>Credential: an API key ({@code ma-...}) or a supplier of a user's access token, sent as
 * {@code Authorization: Bearer}. Errors are {@link MeshAgentApiException} subclasses carrying the server's
 * message; bad arguments are {@link IllegalArgumentException}s thrown before anything is sent. No secret
 * appears in URLs, exception messages or {@code toString()}. Thread-safe.
 */
public final class MeshAgentApi {

    private static final int PAGE = 100;
    private static final int MAX_PAGES = 1000;

    private final String base;
    private final Supplier<String> credential;
    private final BoundedHttpClient http;

    private MeshAgentApi(Builder b) {
        this.base = b.apiUrl.toString().replaceAll("/+$", "");
        this.credential = b.credential;
        this.http = new BoundedHttpClient(b.limits);
    }

    /** {@return a builder; a credential ({@code apiKey} or {@code accessToken}) is required} */
    public static Builder builder() {
        return new Builder();
    }

    // ---- OAuth clients (§7) -------------------------------------------------------------------------

    /**
     * Creates a client; the only call that returns its secret.
     *
     * @param projectId the project to create the client in
     * @param spec      the client's fields
     * @return the new client and its secret ({@code null} for a public client)
     * @throws IllegalArgumentException before sending, e.g. {@code authorization_code} without a redirect URI
     */
    public CreatedOAuthClient createOAuthClient(String projectId, OAuthClientSpec spec) {
        Map<String, Object> body = Objects.requireNonNull(spec, "spec").toCreateBody();
        Map<String, Object> json = send("POST", clientsPath(projectId), body, "create OAuth client");
        return reading(() -> {
            Map<String, Object> client = json.get("client") instanceof Map ? object(json, "client") : json;
            return new CreatedOAuthClient(readClient(client), Json.string(client, "client_secret"));
        });
    }

    /**
     * Every client of the project (paged through {@code count=100&offset=...}).
     *
     * @param projectId the project
     * @return the clients, without their secrets
     */
    public List<OAuthClient> listOAuthClients(String projectId) {
        List<OAuthClient> all = new ArrayList<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            Map<String, Object> json = send("GET", clientsPath(projectId) + "?count=" + PAGE + "&offset=" + all.size(),
                    null, "list OAuth clients");
            List<Map<String, Object>> clients = reading(() -> listOf(Json.objects(json, "clients", o -> o)));
            clients.forEach(c -> all.add(reading(() -> readClient(c))));
            Object total = json.get("total");
            if (clients.size() < PAGE || (total instanceof Number n && all.size() >= n.longValue())) {
                break;
            }
        }
        return List.copyOf(all);
    }

    /**
     * Reads one client.
     *
     * @param projectId the project
     * @param clientId  the client's id
     * @return the client, without its secret
     * @throws MeshAgentApiException.NotFound when there is no such client
     */
    public OAuthClient getOAuthClient(String projectId, String clientId) {
        Map<String, Object> json = send("GET", clientPath(projectId, clientId), null, "get OAuth client");
        return reading(() -> readClient(json.get("client") instanceof Map ? object(json, "client") : json));
    }

    /**
     * Updates the fields set in {@code changes} (reads the client first, so the redirect-URI rule is checked
     * on the result, and a new name keeps the other metadata).
     *
     * @param projectId the project
     * @param clientId  the client's id
     * @param changes   the fields to change; {@code null} fields stay as they are
     */
    public void updateOAuthClient(String projectId, String clientId, OAuthClientSpec changes) {
        Objects.requireNonNull(changes, "changes");
        Map<String, Object> body = changes.toUpdateBody(getOAuthClient(projectId, clientId));
        send("PUT", clientPath(projectId, clientId), body, "update OAuth client");
    }

    /**
     * Deletes a client.
     *
     * @param projectId the project
     * @param clientId  the client's id
     */
    public void deleteOAuthClient(String projectId, String clientId) {
        send("DELETE", clientPath(projectId, clientId), null, "delete OAuth client");
    }

    // ---- external OAuth registrations (§8); room == null means project level ---------------------------

    /**
     * Creates a registration and returns its id.
     *
     * @param projectId the project
     * @param room      the room for a room-level registration, or {@code null} for the project level
     * @param spec      the registration
     * @return the new registration's id
     */
    public String createExternalOAuth(String projectId, String room, ExternalOAuth.Spec spec) {
        Map<String, Object> json = send("POST", externalPath(projectId, room, null),
                Objects.requireNonNull(spec, "spec").toWire(), "create external OAuth registration");
        return reading(() -> Json.requiredString(json, "id"));
    }

    /**
     * Lists the registrations at one level.
     *
     * @param projectId the project
     * @param room      the room, or {@code null} for the project level
     * @return the registrations, without client secrets
     */
    public List<ExternalOAuth.Registration> listExternalOAuth(String projectId, String room) {
        Map<String, Object> json = send("GET", externalPath(projectId, room, null), null, "list external OAuth registrations");
        return reading(() -> readRegistrations(json));
    }

    private static List<ExternalOAuth.Registration> readRegistrations(Map<String, Object> json) {
        List<ExternalOAuth.Registration> out = new ArrayList<>();
        for (Map<String, Object> r : listOf(Json.objects(json, "registrations", o -> o))) {
            Map<String, Object> oauth = r.get("oauth") instanceof Map ? object(r, "oauth") : Map.of();
            Map<String, Object> connector = r.get("connector") instanceof Map ? object(r, "connector") : Map.of();
            String clientId = Json.string(r, "client_id");
            out.add(new ExternalOAuth.Registration(Json.requiredString(r, "id"), Json.string(r, "delegated_to"),
                    clientId != null ? clientId : Json.string(oauth, "client_id"),
                    Json.string(oauth, "authorization_endpoint"), Json.string(oauth, "token_endpoint"),
                    listOf(Json.strings(oauth, "scopes")), Json.string(connector, "server_url")));
        }
        return List.copyOf(out);
    }

    /**
     * Replaces a registration.
     *
     * @param projectId      the project
     * @param room           the room, or {@code null} for the project level
     * @param registrationId the registration's id
     * @param spec           the new registration
     */
    public void updateExternalOAuth(String projectId, String room, String registrationId, ExternalOAuth.Spec spec) {
        send("PUT", externalPath(projectId, room, registrationId), Objects.requireNonNull(spec, "spec").toWire(),
                "update external OAuth registration");
    }

    /**
     * Deletes a registration.
     *
     * @param projectId      the project
     * @param room           the room, or {@code null} for the project level
     * @param registrationId the registration's id
     */
    public void deleteExternalOAuth(String projectId, String room, String registrationId) {
        send("DELETE", externalPath(projectId, room, registrationId), null, "delete external OAuth registration");
    }

    // ---- caller role (§5.5) ------------------------------------------------------------------------

    /**
     * The caller's role and permissions in the project.
     *
     * @param projectId the project
     * @return the role and permissions of whoever the credential belongs to
     */
    public CallerRole callerRole(String projectId) {
        Map<String, Object> json = send("GET", "/accounts/projects/" + segment(projectId, "projectId") + "/role", null,
                "get caller role");
        return reading(() -> new CallerRole(Json.requiredString(json, "role"), listOf(Json.strings(json, "permissions"))));
    }

    // ---- plumbing ---------------------------------------------------------------------------------

    private static String clientsPath(String projectId) {
        return "/accounts/projects/" + segment(projectId, "projectId") + "/oauth/clients";
    }

    private static String clientPath(String projectId, String clientId) {
        return clientsPath(projectId) + "/" + segment(clientId, "clientId");
    }

    private static String externalPath(String projectId, String room, String id) {
        String path = "/accounts/projects/" + segment(projectId, "projectId");
        if (room != null) {
            if (!RoomName.isValid(room)) {
                throw new IllegalArgumentException("room is not a valid MeshAgent room name: " + room);
            }
            path += "/rooms/" + room;
        }
        path += "/external-oauth";
        return id == null ? path : path + "/" + segment(id, "registrationId");
    }

    /** Percent-encodes one path segment (RFC 3986 unreserved characters pass). */
    static String segment(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " is required");
        }
        StringBuilder sb = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        String s = sb.toString();
        if (s.equals(".") || s.equals("..")) {
            throw new IllegalArgumentException(name + " must not be a dot segment: " + value);
        }
        return s;
    }

    private Map<String, Object> send(String method, String pathAndQuery, Map<String, Object> body, String operation) {
        String token = credential.get();
        if (token == null || token.isBlank()) {
            throw new IllegalStateException("no credential available (API key or access token) for " + operation);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        String what = operation + " (" + method + " " + pathAndQuery.replaceAll("\\?.*", "") + ")";
        BoundedHttpClient.Response response;
        try {
            response = http.send(request);
        } catch (IOException e) {
            // the message names the host and the limit hit, never the body
            throw new MeshAgentApiException(what, 0, e.getMessage());
        }
        int status = response.status();
        String text = response.text();
        if (status / 100 != 2) {
            // an error body may echo the request (a 422's "input", a proxy's debug page): mask what we sent
            List<String> sent = secretsIn(token, body);
            throw MeshAgentApiException.of(what, status, redact(MeshAgentApiException.messageOf(redact(text, sent)), sent));
        }
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            return Json.parseObject(text);
        } catch (IllegalArgumentException e) {
            throw new MeshAgentApiException(what, status, "response is not a JSON object");
        }
    }

    /** The secrets of a request: the credential and every {@code client_secret} of the body. */
    private static List<String> secretsIn(String credential, Map<String, Object> body) {
        List<String> secrets = new ArrayList<>();
        secrets.add(credential);
        if (body != null) {
            clientSecrets(body, secrets);
        }
        return secrets;
    }

    private static String redact(String text, List<String> secrets) {
        if (text == null) {
            return null;
        }
        for (String secret : secrets) {
            text = text.replace(secret, "<redacted>");
        }
        return text;
    }

    private static void clientSecrets(Map<?, ?> map, List<String> out) {
        map.forEach((k, v) -> {
            if (v instanceof Map<?, ?> nested) {
                clientSecrets(nested, out);
            } else if ("client_secret".equals(k) && v instanceof String s && !s.isEmpty()) {
                out.add(s);
            }
        });
    }

    private static OAuthClient readClient(Map<String, Object> c) {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (c.get("metadata") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (v != null) {
                    metadata.put(String.valueOf(k), String.valueOf(v));
                }
            });
        }
        return new OAuthClient(Json.requiredString(c, "client_id"), listOf(Json.strings(c, "grant_types")),
                listOf(Json.strings(c, "response_types")), listOf(Json.strings(c, "redirect_uris")), Json.string(c, "scope"),
                Json.string(c, "project_id"), metadata, Boolean.TRUE.equals(c.get("official")));
    }

    private static Map<String, Object> object(Map<String, Object> m, String key) {
        return Json.object(m, key);
    }

    /** A response of the wrong shape is a clear API error, not an {@link IllegalArgumentException}. */
    private static <T> T reading(Supplier<T> reader) {
        try {
            return reader.get();
        } catch (IllegalArgumentException e) {
            throw new MeshAgentApiException("reading the response", 200, e.getMessage());
        }
    }

    /** An absent list reads as empty. */
    private static <T> List<T> listOf(List<T> list) {
        return list == null ? List.of() : list;
    }

    @Override
    public String toString() {
        return "MeshAgentApi[" + base + ", credential=<redacted>]";
    }

    /** Builds a {@link MeshAgentApi}. */
    public static final class Builder {
        private URI apiUrl = URI.create("https://api.meshagent.com");
        private Supplier<String> credential;
        private HttpLimits limits = HttpLimits.DEFAULT;

        private Builder() {}

        /**
         * The API base URL (default {@code https://api.meshagent.com}).
         *
         * @param apiUrl an absolute http(s) URL
         * @return this builder
         */
        public Builder apiUrl(URI apiUrl) {
            Objects.requireNonNull(apiUrl, "apiUrl");
            if (!"https".equals(apiUrl.getScheme()) && !"http".equals(apiUrl.getScheme()) || apiUrl.getHost() == null) {
                throw new IllegalArgumentException("apiUrl must be an absolute http(s) URL: " + apiUrl);
            }
            this.apiUrl = apiUrl;
            return this;
        }

        /**
         * Authenticate with a project API key ({@code ma-...}; checked here, never echoed).
         *
         * @param maKey the API key; a secret
         * @return this builder
         */
        public Builder apiKey(String maKey) {
            String key = ApiKey.parse(maKey).encode();
            this.credential = () -> key;
            return this;
        }

        /**
         * Authenticate as a user: {@code accessToken} is asked on every call, so it can follow refreshes.
         *
         * @param accessToken supplies the user's current access token
         * @return this builder
         */
        public Builder accessToken(Supplier<String> accessToken) {
            this.credential = Objects.requireNonNull(accessToken, "accessToken");
            return this;
        }

        /**
         * Timeouts and body cap for every call (default {@link HttpLimits#DEFAULT}; from a filter's config:
         * {@code config.httpLimits()}).
         *
         * @param httpLimits the limits
         * @return this builder
         */
        public Builder limits(HttpLimits httpLimits) { this.limits = Objects.requireNonNull(httpLimits, "limits"); return this; }

        /** {@return the client; needs {@link #apiKey} or {@link #accessToken} to have been called} */
        public MeshAgentApi build() {
            if (credential == null) {
                throw new IllegalStateException("a credential is required: apiKey(...) or accessToken(...)");
            }
            return new MeshAgentApi(this);
        }
    }
}
