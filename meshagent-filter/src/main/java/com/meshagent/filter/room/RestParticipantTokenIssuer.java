package com.meshagent.filter.room;

import com.meshagent.filter.HttpLimits;
import com.meshagent.filter.internal.http.BoundedHttpClient;
import com.meshagent.filter.internal.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@link ParticipantTokenIssuer#rest}: {@code POST {api}/accounts/projects/{id}/participant-tokens} with the
 * convenience body {@code {"name","room_name","role","api"}} → {@code {"token"}} (docs/meshagent-protocol.md §5.2).
 *
 * <p>INFERRED (§5.2 says the lifetime of server-minted tokens is unknown, and the request has no field for
 * it): we read {@code exp} from the returned token; when the server sets none, the requested expiry is used
 * for caching only, and the token itself does not expire.
 */
final class RestParticipantTokenIssuer implements ParticipantTokenIssuer {

    private final URI endpoint;
    private final String credential;
    private final BoundedHttpClient http;

    RestParticipantTokenIssuer(URI apiUrl, String projectId, String credential, HttpLimits limits) {
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(projectId, "projectId");
        if (credential == null || credential.isBlank()) {
            throw new IllegalArgumentException("credential (API key or access token) is required");
        }
        String base = apiUrl.toString().replaceAll("/+$", "");
        this.endpoint = URI.create(base + "/accounts/projects/"
                + URLEncoder.encode(projectId, StandardCharsets.UTF_8) + "/participant-tokens");
        this.credential = credential;
        this.http = new BoundedHttpClient(Objects.requireNonNull(limits, "limits"));
    }

    @Override
    public MintedToken mint(ParticipantToken claims) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", claims.name());
        body.put("room_name", claims.room().orElseThrow(() -> new IllegalArgumentException("claims need a room grant")));
        body.put("role", claims.role().wire());
        claims.api().ifPresent(api -> body.put("api", api.toWire()));
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .header("Authorization", "Bearer " + credential)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)));
        BoundedHttpClient.Response response;
        try {
            response = http.send(request);
        } catch (IOException e) {
            throw new IllegalStateException("participant-token request to " + endpoint + " failed: " + e.getMessage());
        }
        if (response.status() / 100 != 2) {
            throw new IllegalStateException("participant-token request to " + endpoint + " answered HTTP " + response.status());
        }
        String jwt = Json.string(Json.parseObject(response.text()), "token");
        if (jwt == null) {
            throw new IllegalStateException("participant-token response has no \"token\"");
        }
        ParticipantToken minted = ParticipantToken.parseUnverified(jwt);
        if (!minted.room().equals(claims.room()) || !minted.name().equals(claims.name())) {
            throw new IllegalStateException("participant-token response is for another room or participant");
        }
        return new MintedToken(jwt, minted.expiresAt() != null ? minted.expiresAt() : claims.expiresAt());
    }

    @Override
    public String toString() {
        return "ParticipantTokenIssuer.rest[" + endpoint + "]";
    }
}
