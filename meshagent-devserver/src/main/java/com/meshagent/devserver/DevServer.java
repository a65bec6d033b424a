package com.meshagent.devserver;

import static com.meshagent.devserver.protocol.Arguments.checked;
import static com.meshagent.devserver.protocol.Arguments.positive;

import com.meshagent.devserver.accounts.Authenticator;
import com.meshagent.devserver.accounts.DevEndpoints;
import com.meshagent.devserver.accounts.ExternalOAuthEndpoints;
import com.meshagent.devserver.accounts.MemberEndpoints;
import com.meshagent.devserver.accounts.OAuthClientEndpoints;
import com.meshagent.devserver.accounts.ParticipantTokenEndpoints;
import com.meshagent.devserver.accounts.ProfileEndpoints;
import com.meshagent.devserver.accounts.ProjectAccess;
import com.meshagent.devserver.http.Router;
import com.meshagent.devserver.llm.LlmProxy;
import com.meshagent.devserver.oauth.AuthorizeEndpoint;
import com.meshagent.devserver.oauth.BackchannelLogout;
import com.meshagent.devserver.oauth.IdTokens;
import com.meshagent.devserver.oauth.Knobs;
import com.meshagent.devserver.oauth.OidcEndpoints;
import com.meshagent.devserver.oauth.Scopes;
import com.meshagent.devserver.oauth.TokenEndpoint;
import com.meshagent.devserver.oauth.TokenKnobs;
import com.meshagent.devserver.oauth.TokenService;
import com.meshagent.devserver.protocol.RedirectUris;
import com.meshagent.devserver.rooms.RoomServer;
import com.meshagent.devserver.state.AccountsState;
import com.meshagent.devserver.state.ApiKey;
import com.meshagent.devserver.state.OAuthClient;
import com.meshagent.devserver.state.Permissions;
import com.meshagent.devserver.state.Secrets;
import com.meshagent.devserver.state.Snapshot;
import com.meshagent.devserver.state.SnapshotStore;
import com.meshagent.devserver.state.User;
import com.meshagent.devserver.tokens.Credentials;
import com.nimbusds.jose.jwk.RSAKey;
import java.net.URI;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local MeshAgent: OAuth server, accounts REST API, participant tokens, room websocket and LLM proxy
 * stand-in, speaking the wire formats of docs/meshagent-protocol.md.
 *
 * <p>In-process use: {@code try (DevServer dev = DevServer.builder().port(0).redirectUris(cb).start()) {...}};
 * {@link #baseUri()} is the API URL, {@link #bootstrap()} the project, API key and OAuth client it
 * created (or reloaded from {@code dataDir}). Standalone: {@link #main}. Thread-safe.
 */
public final class DevServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DevServer.class);

    /** Scopes of the bootstrap OAuth client: the seed names and MeshAgent's colon-style ones. */
    public static final String BOOTSTRAP_SCOPE = Scopes.BOOTSTRAP;
    public static final String DEFAULT_ADMIN_EMAIL = "admin@example.com";
    public static final int DEFAULT_MAIN_PORT = 8081;

    /** What the server bootstrapped (or reloaded): everything a client needs to talk to it. */
    public record Bootstrap(String apiUrl, String projectId, String apiKey, String clientId, String clientSecret,
            String adminEmail) {
        /** {@code KEY=value} lines a shell can export (MESHAGENT_API_URL, ..._PROJECT_ID, ..._API_KEY, ..._CLIENT_ID, ..._CLIENT_SECRET). */
        public List<String> envLines() {
            return List.of("MESHAGENT_API_URL=" + apiUrl, "MESHAGENT_PROJECT_ID=" + projectId,
                    "MESHAGENT_API_KEY=" + apiKey, "MESHAGENT_CLIENT_ID=" + clientId,
                    "MESHAGENT_CLIENT_SECRET=" + clientSecret);
        }

        @Override
        public String toString() {
            return "Bootstrap[apiUrl=" + apiUrl + ", projectId=" + projectId + ", clientId=" + clientId
                    + ", adminEmail=" + adminEmail + ", apiKey=<redacted>, clientSecret=<redacted>]";
        }
    }

    /** Validating builder; {@link #start()} builds and starts the server. */
    public static final class Builder {
        private int port;
        private String host = "127.0.0.1";
        private Path dataDir;
        private Clock clock = Clock.systemUTC();
        private final List<String> redirectUris = new ArrayList<>();
        private String adminEmail = DEFAULT_ADMIN_EMAIL;
        private String backchannelLogoutUri;
        private java.time.Duration accessTokenLifetime = TokenKnobs.DEFAULT_ACCESS_TOKEN_LIFETIME;

        public Builder port(int port) {
            this.port = checked(port, port >= 0 && port <= 65535, "port must be 0..65535");
            return this;
        }

        /** Interface to bind; default 127.0.0.1 (the devserver is for this machine). */
        public Builder host(String host) {
            this.host = checked(host, host != null && !host.isBlank(), "host must not be blank");
            return this;
        }

        /** Keep clients, registrations, users, members and keys in {@code dir} (created if missing). */
        public Builder dataDir(Path dir) { this.dataDir = Objects.requireNonNull(dir, "dataDir"); return this; }

        public Builder clock(Clock clock) { this.clock = Objects.requireNonNull(clock, "clock"); return this; }

        /** Redirect URIs registered on the bootstrap OAuth client (in addition to none by default). */
        public Builder redirectUris(String... uris) {
            for (String uri : uris) {
                String problem = RedirectUris.problem(uri);
                redirectUris.add(checked(uri, problem == null, "redirectUris: " + problem));
            }
            return this;
        }

        public Builder adminEmail(String email) {
            this.adminEmail = checked(email, email != null && email.matches("[^@\\s]+@[^@\\s]+"),
                    "adminEmail must be an email address");
            return this;
        }

        /** The bootstrap OAuth client's back-channel logout URI (OpenID Connect Back-Channel Logout 1.0). */
        public Builder backchannelLogoutUri(String uri) {
            String problem = RedirectUris.backchannelLogoutProblem(uri);
            this.backchannelLogoutUri = checked(uri, problem == null, "backchannelLogoutUri: " + problem);
            return this;
        }

        /** Lifetime of issued access tokens (default one hour); {@link Knobs#reset()} returns to it. */
        public Builder accessTokenLifetime(java.time.Duration lifetime) {
            this.accessTokenLifetime = positive(lifetime, "accessTokenLifetime");
            return this;
        }

        /** Builds and starts the server. */
        public DevServer start() {
            DevServer server = new DevServer(this);
            server.startServer();
            return server;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts on {@code port} (0 = a free port) with in-memory state. */
    public static DevServer start(int port) {
        return builder().port(port).start();
    }

    private final Builder config;
    private final Clock clock;
    private final TokenKnobs knobs;
    private Server server;
    private URI baseUri;
    private AccountsState accounts;
    private TokenService tokens;
    private Credentials credentials;

    private DevServer(Builder b) {
        this.config = b;
        this.clock = b.clock;
        this.knobs = new TokenKnobs(b.accessTokenLifetime);
    }

    private void startServer() {
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("meshagent-devserver");
        server = new Server(threads);
        server.setStopTimeout(0); // stop at once: no graceful drain (open keep-alive connections would hold it up)
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(config.host);
        connector.setPort(config.port);
        server.addConnector(connector);
        try {
            connector.open();
            String host = config.host.equals("0.0.0.0") ? "localhost" : config.host;
            baseUri = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                    + connector.getLocalPort());
            accounts = loadState();
            tokens = new TokenService(clock, knobs);
            Authenticator auth = new Authenticator(accounts, tokens);
            credentials = new DevCredentials(accounts, tokens, auth);
            // The room websocket (/rooms/{room}) and the LLM proxy (/openai/v1/*, /anthropic/v1/*) decline other
            // paths (return false); the router answers the rest.
            server.setHandler(new ContextHandler(new Handler.Sequence(new RoomServer(credentials, clock),
                    new LlmProxy(credentials, clock), routes(auth)), "/"));
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IllegalStateException("devserver failed to start on " + config.host + ":" + config.port + ": "
                    + e.getMessage(), e);
        }
        LOG.info("MeshAgent devserver listening on {} (project {})", baseUri, accounts.snapshot().projectId());
    }

    private Router routes(Authenticator auth) throws ParseException {
        IdTokens idTokens = new IdTokens(RSAKey.parse(accounts.snapshot().signingKeyJwk()), baseUri.toString());
        AuthorizeEndpoint authorize = new AuthorizeEndpoint(accounts, tokens, knobs, baseUri.toString());
        BackchannelLogout logout = new BackchannelLogout(accounts, tokens, idTokens);
        TokenEndpoint token = new TokenEndpoint(accounts, tokens, knobs, idTokens);
        ProfileEndpoints profiles = new ProfileEndpoints(auth);
        OidcEndpoints oidc = new OidcEndpoints(accounts, tokens, idTokens, logout);
        DevEndpoints dev = new DevEndpoints(auth, accounts, logout, knobs);
        Router r = new Router();
        r.oauth("GET", "/oauth/authorize", authorize::get);
        r.oauth("POST", "/oauth/authorize", authorize::post);
        r.oauth("POST", "/oauth/token", token::post);
        r.rest("GET", "/", oidc::home);
        r.oauth("GET", "/.well-known/openid-configuration", oidc::discovery);
        r.oauth("GET", "/.well-known/oauth-authorization-server", oidc::discovery);
        r.oauth("GET", "/.well-known/jwks.json", oidc::jwks);
        r.oauth("GET", "/oauth/userinfo", oidc::userinfo);
        r.oauth("POST", "/oauth/userinfo", oidc::userinfo);
        r.oauth("POST", "/oauth/revoke", oidc::revoke);
        r.oauth("GET", "/oauth/end-session", oidc::endSession);
        r.oauth("POST", "/oauth/end-session", oidc::endSession);
        r.rest("GET", "/accounts/profiles/me", profiles::me);
        r.rest("GET", "/accounts/whoami", profiles::whoami);
        r.rest("POST", "/dev/end-sessions", dev::endSessions);
        r.rest("GET", "/dev/stats", dev::stats);
        projectRoutes(r, new ProjectAccess(auth, accounts));
        return r;
    }

    /** The {@code /accounts/projects/{project_id}/...} REST API and participant-token validation. */
    private void projectRoutes(Router r, ProjectAccess access) {
        String project = "/accounts/projects/{project_id}";
        OAuthClientEndpoints clients = new OAuthClientEndpoints(access, accounts, tokens);
        r.rest("POST", project + "/oauth/clients", clients::create);
        r.rest("GET", project + "/oauth/clients", clients::list);
        r.rest("GET", project + "/oauth/clients/{client_id}", clients::get);
        r.rest("PUT", project + "/oauth/clients/{client_id}", clients::update);
        r.rest("DELETE", project + "/oauth/clients/{client_id}", clients::delete);

        ExternalOAuthEndpoints external = new ExternalOAuthEndpoints(access, accounts);
        for (String base : List.of(project + "/external-oauth", project + "/rooms/{room_name}/external-oauth")) {
            r.rest("POST", base, external::create);
            r.rest("GET", base, external::list);
            r.rest("PUT", base + "/{registration_id}", external::update);
            r.rest("DELETE", base + "/{registration_id}", external::delete);
        }

        MemberEndpoints members = new MemberEndpoints(access, accounts);
        r.rest("GET", project + "/role", members::role);
        r.rest("GET", project + "/members", members::list);
        r.rest("GET", project + "/members/{member}", members::get);
        r.rest("PUT", project + "/members/{member}", members::put);
        r.rest("DELETE", project + "/members/{member}", members::delete);

        ParticipantTokenEndpoints participants = new ParticipantTokenEndpoints(access, accounts, credentials, clock);
        r.rest("POST", project + "/participant-tokens", participants::mint);
        r.rest("POST", "/api/participant-token/validate", participants::validate);
        String api = baseUri.toString();
        r.rest("POST", project + "/rooms/{room_name}/connect", call -> participants.connect(call, api));
    }

    private AccountsState loadState() {
        SnapshotStore store = config.dataDir == null ? null : new SnapshotStore(config.dataDir);
        Snapshot loaded = store == null ? null : store.load().orElse(null);
        Snapshot s = loaded != null ? loaded : bootstrapSnapshot();
        AccountsState state = new AccountsState(s, store);
        if (loaded == null && store != null) {
            store.save(s);
        }
        if (loaded != null && (!config.redirectUris.isEmpty() || config.backchannelLogoutUri != null)) {
            // Redirect URIs given at start are added to the reloaded bootstrap client; a back-channel
            // logout URI given at start replaces its own.
            state.update(snap -> {
                OAuthClient c = snap.clients().get(snap.bootstrapClientId());
                if (c == null) {
                    return snap;
                }
                Set<String> uris = new LinkedHashSet<>(c.redirectUris());
                uris.addAll(config.redirectUris);
                OAuthClient updated = c.withRedirectUris(List.copyOf(uris));
                if (config.backchannelLogoutUri != null) {
                    updated = updated.withBackchannelLogoutUri(config.backchannelLogoutUri);
                }
                return updated.equals(c) ? snap : snap.withClient(updated);
            });
        }
        return state;
    }

    private Snapshot bootstrapSnapshot() {
        String projectId = UUID.randomUUID().toString();
        User admin = new User(UUID.randomUUID().toString(), config.adminEmail, "Admin", null);
        ApiKey key = new ApiKey(UUID.randomUUID().toString(), projectId, "devserver bootstrap key", Secrets.token(32));
        String clientId = Secrets.alphanumeric(32);
        String clientSecret = Secrets.token(32);
        OAuthClient client = new OAuthClient(clientId, Secrets.sha256Hex(clientSecret),
                List.of("authorization_code", "refresh_token"), List.of("code"), config.redirectUris, BOOTSTRAP_SCOPE,
                Map.of("name", "MeshAgent devserver bootstrap client"), false, config.backchannelLogoutUri);
        return new Snapshot(projectId, config.adminEmail, Map.of(admin.id(), admin),
                Map.of(admin.id(), Set.of(Permissions.ADMIN)), Map.of(key.id(), key), Map.of(clientId, client), Map.of(),
                clientId, clientSecret, key.id(), (config.dataDir == null ? IdTokens.processKey() : IdTokens.generateKey()).toJSONString());
    }

    /** The API URL, e.g. {@code http://127.0.0.1:8081} (no trailing slash). */
    public URI baseUri() {
        return baseUri;
    }

    public Bootstrap bootstrap() {
        Snapshot s = accounts.snapshot();
        ApiKey key = s.apiKeys().get(s.bootstrapApiKeyId());
        return new Bootstrap(baseUri.toString(), s.projectId(), key == null ? null : key.value(), s.bootstrapClientId(),
                s.bootstrapClientSecret(), s.adminEmail());
    }

    public Knobs knobs() {
        return knobs;
    }

    /** The credential lookups the room and LLM endpoints use (the same state as the REST API). */
    public Credentials credentials() {
        return credentials;
    }

    /** Adds (or updates) a project member with the given permissions, e.g. {@code "can_use_llm_proxy"}, {@code "admin"}. */
    public void setMember(String email, Set<String> permissions) {
        Objects.requireNonNull(email, "email");
        for (String p : permissions) {
            if (!Permissions.KNOWN.contains(p)) {
                throw new IllegalArgumentException("unknown permission: " + p + " (known: " + Permissions.KNOWN + ")");
            }
        }
        accounts.setMember(email, permissions);
    }

    public void stop() {
        knobs.releaseDelays();
        try {
            if (server != null && !server.isStopped()) {
                server.stop();
            }
        } catch (Exception e) {
            throw new IllegalStateException("devserver did not stop cleanly", e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    public static void main(String[] args) {
        Main.run(args);
    }
}
