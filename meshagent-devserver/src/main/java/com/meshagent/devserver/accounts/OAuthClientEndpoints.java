package com.meshagent.devserver.accounts;

import com.meshagent.devserver.protocol.InferredBehaviour;
import com.meshagent.devserver.protocol.RedirectUris;
import com.meshagent.devserver.http.ApiError;
import com.meshagent.devserver.http.Call;
import com.meshagent.devserver.http.Reply;
import com.meshagent.devserver.oauth.Scopes;
import com.meshagent.devserver.oauth.TokenService;
import com.meshagent.devserver.state.AccountsState;
import com.meshagent.devserver.state.OAuthClient;
import com.meshagent.devserver.state.Permissions;
import com.meshagent.devserver.state.Secrets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Project OAuth clients, {@code /accounts/projects/{project_id}/oauth/clients[/{client_id}]}, with the JSON
 * of docs/meshagent-protocol.md §7. The secret is returned by create only and stored as a SHA-256.
 *
 * <p>Devserver extension: {@code "token_endpoint_auth_method": "none"} (the RFC 7591 name) creates a public
 * client without a secret, which then must use PKCE (it always must here).
 */
public record OAuthClientEndpoints(ProjectAccess access, AccountsState accounts, TokenService tokens) {
    private static final Logger LOG = LoggerFactory.getLogger(OAuthClientEndpoints.class);
    private static final Set<String> WRITABLE = Set.of("grant_types", "response_types", "redirect_uris", "scope",
            "metadata", "official", "backchannel_logout_uri");
    private static final Set<String> CREATE_FIELDS = union(WRITABLE, Set.of("token_endpoint_auth_method"));
    private static final Set<String> GRANT_TYPES = Set.of("authorization_code", "refresh_token", "client_credentials");
    private static final int MAX_COUNT = 500;

    public Reply create(Call call) throws Exception {
        Caller caller = access.with(call, Permissions.OAUTH_CLIENT_MANAGER);
        Map<String, Object> body = unwrap(call.jsonObject());
        JsonBody.onlyKeys(body, CREATE_FIELDS, "OAuth client");
        String auth = JsonBody.string(body, "token_endpoint_auth_method", false, 64);
        if (auth != null && !Set.of("none", "client_secret_post", "client_secret_basic").contains(auth)) {
            throw ApiError.badRequest("invalid_field", "token_endpoint_auth_method must be none, client_secret_post or client_secret_basic");
        }
        boolean isPublic = "none".equals(auth);
        String secret = isPublic ? null : Secrets.token(32);
        OAuthClient client = build(Secrets.alphanumeric(32), isPublic ? null : Secrets.sha256Hex(secret), body, null);
        checkLlmScope(caller, client);
        accounts.update(s -> s.withClient(client));
        LOG.info("created OAuth client {}", client.clientId());
        Map<String, Object> json = json(client);
        json.put("client_secret", secret);
        return Reply.noStore(InferredBehaviour.CREATED_STATUS, json);
    }

    public Reply list(Call call) {
        access.with(call, Permissions.OAUTH_CLIENT_MANAGER);
        Map<String, List<String>> q = call.query();
        int count = intParam(q, "count", 100, 1, MAX_COUNT);
        int offset = intParam(q, "offset", 0, 0, Integer.MAX_VALUE);
        String filter = q.containsKey("filter") ? q.get("filter").get(0).toLowerCase(Locale.ROOT) : null;
        List<OAuthClient> matching = accounts.snapshot().clients().values().stream()
                .filter(c -> filter == null || c.clientId().toLowerCase(Locale.ROOT).contains(filter)
                        || c.metadata().getOrDefault("name", "").toLowerCase(Locale.ROOT).contains(filter))
                .toList();
        List<Object> page = new ArrayList<>();
        matching.stream().skip(offset).limit(count).forEach(c -> page.add(json(c)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clients", page);
        out.put("total", matching.size());
        return Reply.ok(out);
    }

    public Reply get(Call call) {
        access.with(call, Permissions.OAUTH_CLIENT_MANAGER);
        return Reply.ok(json(find(call)));
    }

    public Reply update(Call call) throws Exception {
        Caller caller = access.with(call, Permissions.OAUTH_CLIENT_MANAGER);
        Map<String, Object> body = unwrap(call.jsonObject());
        JsonBody.onlyKeys(body, WRITABLE, "OAuth client update");
        OAuthClient existing = find(call);
        OAuthClient updated = build(existing.clientId(), existing.secretHash(), body, existing);
        checkLlmScope(caller, updated);
        accounts.update(s -> {
            if (!s.clients().containsKey(existing.clientId())) {
                throw ApiError.notFound("no such OAuth client");
            }
            return s.withClient(updated);
        });
        LOG.info("updated OAuth client {}", existing.clientId());
        return Reply.ok(Map.of("ok", true));
    }

    public Reply delete(Call call) {
        access.with(call, Permissions.OAUTH_CLIENT_MANAGER);
        OAuthClient existing = find(call);
        accounts.update(s -> s.withoutClient(existing.clientId()));
        tokens.revokeClient(existing.clientId());
        LOG.info("deleted OAuth client {}", existing.clientId());
        return Reply.empty(204);
    }

    private OAuthClient find(Call call) {
        OAuthClient c = accounts.snapshot().clients().get(call.pathParam("client_id"));
        if (c == null) {
            throw ApiError.notFound("no such OAuth client");
        }
        return c;
    }

    /** Accepts the body bare or wrapped as {@code {"client": {...}}}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> unwrap(Map<String, Object> body) {
        if (body.size() == 1 && body.get("client") instanceof Map<?, ?> inner) {
            return new LinkedHashMap<>((Map<String, Object>) inner);
        }
        return body;
    }

    /** The client described by {@code body} over {@code base} (null on create); validates the result. */
    private static OAuthClient build(String clientId, String secretHash, Map<String, Object> body, OAuthClient base) {
        List<String> grants = or(JsonBody.strings(body, "grant_types", 10),
                base == null ? List.of("authorization_code") : base.grantTypes());
        List<String> responses = or(JsonBody.strings(body, "response_types", 10),
                base == null ? List.of("code") : base.responseTypes());
        List<String> redirects = or(JsonBody.strings(body, "redirect_uris", 50),
                base == null ? List.of() : base.redirectUris());
        String scope = or(JsonBody.string(body, "scope", false, 4096), base == null ? "" : base.scope());
        Map<String, String> metadata = or(JsonBody.stringMap(body, "metadata", 32),
                base == null ? Map.of() : base.metadata());
        Boolean official = JsonBody.bool(body, "official");
        String logoutUri = JsonBody.string(body, "backchannel_logout_uri", false, 2048);
        if (logoutUri == null && base != null) {
            logoutUri = base.backchannelLogoutUri();
        } else if (logoutUri != null && logoutUri.isEmpty()) {
            logoutUri = null; // "" removes it
        } else if (logoutUri != null && RedirectUris.backchannelLogoutProblem(logoutUri) != null) {
            throw ApiError.badRequest("invalid_backchannel_logout_uri", RedirectUris.backchannelLogoutProblem(logoutUri));
        }
        if (Boolean.TRUE.equals(official) && (base == null || !base.official())) {
            throw ApiError.forbidden("only MeshAgent marks clients official");
        }
        validate(grants, responses, redirects, scope);
        return new OAuthClient(clientId, secretHash, grants, responses, List.copyOf(new LinkedHashSet<>(redirects)),
                Scopes.join(Scopes.parse(scope)), metadata, official != null ? official : base != null && base.official(),
                logoutUri);
    }

    private static void validate(List<String> grants, List<String> responses, List<String> redirects, String scope) {
        if (grants.isEmpty() || !GRANT_TYPES.containsAll(grants)) {
            throw ApiError.badRequest("invalid_field",
                    "grant_types must hold some of authorization_code, refresh_token, client_credentials");
        }
        if (!List.of("code").containsAll(responses)) {
            throw ApiError.badRequest("invalid_field", "the devserver supports response_types [\"code\"] only");
        }
        for (String uri : redirects) {
            String problem = RedirectUris.problem(uri);
            if (problem != null) {
                throw ApiError.badRequest("invalid_redirect_uri", problem);
            }
        }
        if (grants.contains("authorization_code") && redirects.isEmpty()) {
            throw ApiError.badRequest("redirect_uri_required", "authorization_code needs at least one redirect URI");
        }
        if (!Scopes.parse(scope).stream().allMatch(Scopes::wellFormed)) {
            throw ApiError.badRequest("invalid_scope", "scope holds a malformed scope name");
        }
    }

    /** A client that may obtain {@code llm_proxy}/{@code llm:invoke} tokens needs a caller who may use the proxy. */
    private static void checkLlmScope(Caller caller, OAuthClient client) {
        if (Scopes.hasLlm(client.scopes()) && !caller.permissions().contains(Permissions.CAN_USE_LLM_PROXY)) {
            throw ApiError.forbidden("a client with the llm_proxy (llm:invoke) scope needs a caller with "
                    + Permissions.CAN_USE_LLM_PROXY);
        }
    }

    Map<String, Object> json(OAuthClient c) {
        Map<String, Object> m = c.registration();
        m.put("project_id", accounts.snapshot().projectId());
        m.put("token_endpoint_auth_method", c.isPublic() ? "none" : "client_secret_post");
        if (c.backchannelLogoutUri() != null) {
            m.put("backchannel_logout_session_required", true);
        }
        return m;
    }

    private static int intParam(Map<String, List<String>> q, String name, int dflt, int min, int max) {
        List<String> v = q.get(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.get(0));
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("invalid_parameter", name + " must be an integer in " + min + ".." + max);
        }
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new java.util.HashSet<>(a);
        out.addAll(b);
        return Set.copyOf(out);
    }
}
