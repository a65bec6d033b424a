package com.meshagent.devserver.accounts;

import com.meshagent.devserver.tokens.Credentials;
import com.meshagent.devserver.protocol.InferredBehaviour;
import com.meshagent.devserver.http.ApiError;
import com.meshagent.devserver.http.Call;
import com.meshagent.devserver.http.Reply;
import com.meshagent.devserver.rooms.RoomServer;
import com.meshagent.devserver.state.AccountsState;
import com.meshagent.devserver.state.ApiKey;
import com.meshagent.devserver.state.Permissions;
import com.meshagent.devserver.tokens.ParticipantTokenMinter;
import com.meshagent.devserver.tokens.ParticipantTokenVerifier;
import com.meshagent.devserver.tokens.ParticipantTokenVerifier.InvalidParticipantTokenException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /accounts/projects/{project_id}/participant-tokens} (docs/meshagent-protocol.md §5.2) and
 * {@code POST /api/participant-token/validate} (§5.4).
 *
 * <p>INFERRED: the hosted server's expiry for minted tokens is unknown (§5.2 [U]); the devserver sets
 * {@link #MINTED_LIFETIME}. A token minted with an API key as the credential is signed with that key;
 * otherwise with the project's bootstrap key.
 */
public record ParticipantTokenEndpoints(ProjectAccess access, AccountsState accounts, Credentials credentials,
        Clock clock) {
    private static final Logger LOG = LoggerFactory.getLogger(ParticipantTokenEndpoints.class);
    public static final Duration MINTED_LIFETIME = InferredBehaviour.MINTED_PARTICIPANT_TOKEN_LIFETIME;
    private static final Set<String> FIELDS = Set.of("name", "room_name", "role", "api", "grants");
    private static final Set<String> ROLES = Set.of("user", "agent", "tool");
    private static final Set<String> GRANT_NAMES = Set.of("room", "role", "api", "tunnel_ports", "site", "agent");
    /** §4.4 top-level api keys, plus the reader aliases of {@code dataset}. */
    private static final Set<String> API_KEYS = Set.of("livekit", "queues", "messaging", "dataset", "database",
            "datasets", "sqlite", "memory", "sync", "storage", "containers", "developer", "agents", "llm", "admin",
            "secrets", "tunnels", "services");

    public Reply mint(Call call) throws Exception {
        Caller caller = access.with(call, Permissions.PARTICIPANT_TOKEN_CREATOR);
        Map<String, Object> body = call.jsonObject();
        JsonBody.onlyKeys(body, FIELDS, "participant token request");
        String name = JsonBody.string(body, "name", true, 256);
        if (name.isBlank()) {
            throw ApiError.badRequest("invalid_field", "name must not be blank");
        }
        List<Map<String, Object>> grants = body.containsKey("grants") ? explicitGrants(body) : convenienceGrants(body);
        ApiKey key = signingKey(caller);
        String jwt = ParticipantTokenMinter.mint(key, name, grants, clock.instant().plus(MINTED_LIFETIME));
        LOG.info("minted a participant token with API key {}", key.id());
        return Reply.noStore(200, Map.of("token", jwt));
    }

    /**
     * {@code POST /accounts/projects/{project_id}/rooms/{room_name}/connect} (§5.3): a participant token for the
     * calling user, who needs an access token with {@code rooms:connect} (§5.3 [I]). The token carries the
     * user-default room APIs (§4.4), plus {@code llm} when the user may use the LLM proxy.
     */
    public Reply connect(Call call, String baseUri) throws Exception {
        Caller caller = access.member(call);
        if (!(caller instanceof Caller.UserCaller user)) {
            throw ApiError.forbidden("room connect is for users; with an API key mint a token at /participant-tokens");
        }
        if (!user.scopes().contains("rooms:connect")) {
            throw ApiError.forbidden("the access token lacks the rooms:connect scope");
        }
        String room = call.pathParam("room_name");
        checkRoom(room);
        if (call.body().length > 0) {
            JsonBody.onlyKeys(call.jsonObject(), Set.of(), "room connect request");
        }
        Map<String, Object> api = new LinkedHashMap<>();
        for (String k : List.of("livekit", "queues", "messaging", "dataset", "sqlite", "memory", "sync", "storage",
                "containers", "developer", "agents", "services")) {
            api.put(k, Map.of());
        }
        if (user.permissions().contains(Permissions.CAN_USE_LLM_PROXY)) {
            api.put("llm", Map.of());
        }
        List<Map<String, Object>> grants = List.of(grant("room", room), grant("role", "user"), grant("api", api));
        String jwt = ParticipantTokenMinter.mint(signingKey(caller), user.user().email(), grants,
                clock.instant().plus(MINTED_LIFETIME));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jwt", jwt);
        out.put("room_name", room);
        out.put("project_id", accounts.snapshot().projectId());
        out.put("room_url", baseUri.replaceFirst("^http", "ws") + "/rooms/" + room);
        return Reply.noStore(200, out);
    }

    public Reply validate(Call call) throws Exception {
        Map<String, Object> body = call.jsonObject();
        JsonBody.onlyKeys(body, Set.of("token"), "validate request");
        String token = JsonBody.string(body, "token", true, ParticipantTokenVerifier.MAX_TOKEN_LENGTH);
        try {
            return Reply.noStore(200, ParticipantTokenVerifier.verify(token, credentials, clock).claims());
        } catch (InvalidParticipantTokenException e) {
            throw new ApiError(InferredBehaviour.INVALID_PARTICIPANT_TOKEN_STATUS, e.failure().code(),
                    e.failure().description());
        }
    }

    private ApiKey signingKey(Caller caller) {
        Map<String, ApiKey> keys = accounts.snapshot().apiKeys();
        ApiKey key = caller instanceof Caller.ApiKeyCaller k ? keys.get(k.keyId())
                : keys.get(accounts.snapshot().bootstrapApiKeyId());
        if (key == null) {
            throw new ApiError(409, "no_api_key", "the project has no API key to sign with");
        }
        return key;
    }

    private static List<Map<String, Object>> convenienceGrants(Map<String, Object> body) {
        String room = JsonBody.string(body, "room_name", true, 63);
        checkRoom(room);
        List<Map<String, Object>> grants = new ArrayList<>();
        grants.add(grant("room", room));
        String role = JsonBody.string(body, "role", false, 16);
        if (role != null) {
            checkRole(role);
            grants.add(grant("role", role));
        }
        Map<String, Object> api = JsonBody.object(body, "api");
        if (api != null) {
            checkApi(api);
            grants.add(grant("api", api));
        }
        return grants;
    }

    private static List<Map<String, Object>> explicitGrants(Map<String, Object> body) {
        for (String f : List.of("room_name", "role", "api")) {
            if (body.containsKey(f)) {
                throw ApiError.badRequest("invalid_field", "send either grants or room_name/role/api, not both");
            }
        }
        if (!(body.get("grants") instanceof List<?> list) || list.isEmpty() || list.size() > 16) {
            throw ApiError.badRequest("invalid_field", "grants must be a list of 1-16 {name, scope} objects");
        }
        List<Map<String, Object>> grants = new ArrayList<>();
        boolean sawApi = false;
        boolean sawRoom = false;
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> g) || !(g.get("name") instanceof String name) || g.size() != 2
                    || !g.containsKey("scope")) {
                throw ApiError.badRequest("invalid_field", "each grant is exactly {name, scope}");
            }
            if (!GRANT_NAMES.contains(name)) {
                throw ApiError.badRequest("invalid_field", "unknown grant name; known: " + GRANT_NAMES);
            }
            Object scope = g.get("scope");
            switch (name) {
                case "room" -> {
                    checkRoom(scope instanceof String s ? s : null);
                    sawRoom = true;
                }
                case "role" -> checkRole(scope instanceof String s ? s : null);
                case "api" -> {
                    if (sawApi || !(scope instanceof Map<?, ?>)) {
                        throw ApiError.badRequest("invalid_field", "at most one api grant, with an object scope");
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, Object> api = (Map<String, Object>) scope;
                    checkApi(api);
                    sawApi = true;
                }
                default -> {
                    if (!(scope instanceof String)) {
                        throw ApiError.badRequest("invalid_field", name + " grant scope must be a string");
                    }
                }
            }
            grants.add(grant(name, scope));
        }
        if (!sawRoom) {
            throw ApiError.badRequest("invalid_field", "a room grant is required");
        }
        return grants;
    }

    private static Map<String, Object> grant(String name, Object scope) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("name", name);
        g.put("scope", scope);
        return g;
    }

    private static void checkRoom(String room) {
        if (room == null || !RoomServer.ROOM_NAME.matcher(room).matches()) {
            throw ApiError.badRequest("invalid_room_name",
                    "room names are 1-63 lower-case letters, digits or '-', alphanumeric at both ends");
        }
    }

    private static void checkRole(String role) {
        if (role == null || !ROLES.contains(role)) {
            throw ApiError.badRequest("invalid_field", "role must be user, agent or tool");
        }
    }

    private static void checkApi(Map<String, Object> api) {
        for (Map.Entry<String, Object> e : api.entrySet()) {
            if (!API_KEYS.contains(e.getKey()) || !(e.getValue() instanceof Map<?, ?>)) {
                throw ApiError.badRequest("invalid_field", "api keys must be room APIs of docs/meshagent-protocol.md §4.4 with object values");
            }
        }
        if (api.get("secrets") instanceof Map<?, ?> s && !s.isEmpty()) {
            throw ApiError.badRequest("invalid_field", "api.secrets takes no fields");
        }
    }
}
