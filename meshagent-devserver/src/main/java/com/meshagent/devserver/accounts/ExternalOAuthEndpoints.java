package com.meshagent.devserver.accounts;

import com.meshagent.devserver.http.ApiError;
import com.meshagent.devserver.http.Call;
import com.meshagent.devserver.http.Reply;
import com.meshagent.devserver.rooms.RoomServer;
import com.meshagent.devserver.state.AccountsState;
import com.meshagent.devserver.state.ExternalRegistration;
import com.meshagent.devserver.state.Permissions;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * External OAuth registrations (docs/meshagent-protocol.md §8) at project level
 * ({@code /accounts/projects/{project_id}/external-oauth}) and room level
 * ({@code .../rooms/{room_name}/external-oauth}). Bodies are validated with the shape of the last Python
 * client that had these routes; unknown keys are refused. Lists never include secrets. Admins only.
 */
public record ExternalOAuthEndpoints(ProjectAccess access, AccountsState accounts) {
    private static final Logger LOG = LoggerFactory.getLogger(ExternalOAuthEndpoints.class);
    private static final Set<String> TOP = Set.of("oauth", "client_id", "client_secret", "connector", "delegated_to");
    private static final Set<String> OAUTH = Set.of("client_id", "client_secret", "authorization_endpoint",
            "token_endpoint", "no_pkce", "scopes");
    private static final Set<String> CONNECTOR = Set.of("openai_connector_id", "server_url", "client_secret_id");

    public Reply create(Call call) throws Exception {
        access.with(call, Permissions.ADMIN);
        String room = room(call);
        Map<String, Object> body = validate(call.jsonObject());
        ExternalRegistration r = new ExternalRegistration(UUID.randomUUID().toString(), room, body);
        accounts.update(s -> s.withRegistration(r));
        LOG.info("created external OAuth registration {} ({})", r.id(), room == null ? "project" : "room " + room);
        return Reply.json(com.meshagent.devserver.protocol.InferredBehaviour.CREATED_STATUS, Map.of("id", r.id()));
    }

    public Reply list(Call call) {
        access.with(call, Permissions.ADMIN);
        String room = room(call);
        String delegatedTo = delegatedFilter(call);
        List<Object> out = new ArrayList<>();
        for (ExternalRegistration r : accounts.snapshot().registrations().values()) {
            if (Objects.equals(r.roomName(), room) && matches(r, delegatedTo)) {
                out.add(publicView(r));
            }
        }
        return Reply.ok(Map.of("registrations", out));
    }

    public Reply update(Call call) throws Exception {
        access.with(call, Permissions.ADMIN);
        ExternalRegistration existing = find(call);
        Map<String, Object> body = validate(call.jsonObject());
        accounts.update(s -> s.withRegistration(new ExternalRegistration(existing.id(), existing.roomName(), body)));
        return Reply.ok(Map.of("ok", true));
    }

    public Reply delete(Call call) {
        access.with(call, Permissions.ADMIN);
        ExternalRegistration existing = find(call);
        if (!matches(existing, delegatedFilter(call))) {
            throw ApiError.notFound("no such registration");
        }
        accounts.update(s -> s.withoutRegistration(existing.id()));
        return Reply.empty(204);
    }

    private ExternalRegistration find(Call call) {
        ExternalRegistration r = accounts.snapshot().registrations().get(call.pathParam("registration_id"));
        if (r == null || !Objects.equals(r.roomName(), room(call))) {
            throw ApiError.notFound("no such registration");
        }
        return r;
    }

    private static String room(Call call) {
        if (!call.path().contains("/rooms/")) {
            return null;
        }
        String room = call.pathParam("room_name");
        if (!RoomServer.ROOM_NAME.matcher(room).matches()) {
            throw ApiError.badRequest("invalid_room_name",
                    "room names are 1-63 lower-case letters, digits or '-', alphanumeric at both ends");
        }
        return room;
    }

    private static String delegatedFilter(Call call) {
        List<String> v = call.query().get("delegated_to");
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static boolean matches(ExternalRegistration r, String delegatedTo) {
        return delegatedTo == null || delegatedTo.equals(r.body().get("delegated_to"));
    }

    static Map<String, Object> validate(Map<String, Object> body) {
        JsonBody.onlyKeys(body, TOP, "external OAuth registration");
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> oauth = JsonBody.object(body, "oauth");
        Map<String, Object> connector = JsonBody.object(body, "connector");
        if (oauth == null && connector == null) {
            throw ApiError.badRequest("missing_field", "oauth or connector is required");
        }
        if (oauth != null) {
            JsonBody.onlyKeys(oauth, OAUTH, "oauth");
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("client_id", JsonBody.string(oauth, "client_id", true, 512));
            String secret = JsonBody.string(oauth, "client_secret", false, 2048);
            if (secret != null) {
                o.put("client_secret", secret);
            }
            o.put("authorization_endpoint", url(oauth, "authorization_endpoint", true));
            o.put("token_endpoint", url(oauth, "token_endpoint", true));
            Boolean noPkce = JsonBody.bool(oauth, "no_pkce");
            o.put("no_pkce", noPkce != null && noPkce);
            List<String> scopes = JsonBody.strings(oauth, "scopes", 100);
            o.put("scopes", scopes == null ? List.of() : scopes);
            out.put("oauth", o);
        }
        if (connector != null) {
            JsonBody.onlyKeys(connector, CONNECTOR, "connector");
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("openai_connector_id", JsonBody.string(connector, "openai_connector_id", false, 512));
            c.put("server_url", url(connector, "server_url", false));
            c.put("client_secret_id", JsonBody.string(connector, "client_secret_id", false, 512));
            out.put("connector", c);
        }
        String clientId = JsonBody.string(body, "client_id", false, 512);
        out.put("client_id", clientId != null ? clientId : oauth == null ? null : oauth.get("client_id"));
        String secret = JsonBody.string(body, "client_secret", false, 2048);
        if (secret != null) {
            out.put("client_secret", secret);
        }
        out.put("delegated_to", JsonBody.string(body, "delegated_to", false, 512));
        return out;
    }

    private static String url(Map<String, Object> m, String key, boolean required) {
        String v = JsonBody.string(m, key, required, 2048);
        if (v == null) {
            return null;
        }
        try {
            URI u = new URI(v);
            if (u.getScheme() == null || !Set.of("http", "https").contains(u.getScheme().toLowerCase(java.util.Locale.ROOT))
                    || u.getHost() == null) {
                throw new java.net.URISyntaxException(v, "not http(s)");
            }
        } catch (java.net.URISyntaxException e) {
            throw ApiError.badRequest("invalid_field", key + " must be an absolute http(s) URL");
        }
        return v;
    }

    /** The registration without secrets. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> publicView(ExternalRegistration r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("delegated_to", r.body().get("delegated_to"));
        if (r.body().get("connector") != null) {
            m.put("connector", r.body().get("connector"));
        }
        if (r.body().get("oauth") instanceof Map<?, ?> o) {
            Map<String, Object> oauth = new LinkedHashMap<>((Map<String, Object>) o);
            oauth.remove("client_secret");
            m.put("oauth", oauth);
        }
        m.put("client_id", r.body().get("client_id"));
        if (r.roomName() != null) {
            m.put("room_name", r.roomName());
        }
        return m;
    }
}
