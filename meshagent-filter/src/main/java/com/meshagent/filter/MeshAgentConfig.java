package com.meshagent.filter;

import static java.util.Objects.requireNonNull;

import com.meshagent.filter.cluster.ProviderLogouts;
import com.meshagent.filter.cluster.RefreshCoordinator;
import com.meshagent.filter.internal.Checks;
import com.meshagent.filter.room.RoomAccessPolicy;
import com.meshagent.filter.room.RoomTokens;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Everything {@link MeshAgentFilter} needs, validated once. Immutable and thread-safe.
 *
 * <p>Built by {@link #builder()} in code, or from filter init-params / system properties / environment
 * variables (in that order of precedence) with {@link Builder#fromInitParameters(Function)} and
 * {@link #fromEnvironment()}. The keys:
 *
 * <table>
 * <caption>configuration keys</caption>
 * <tr><th>init-param / property</th><th>environment</th><th>meaning</th></tr>
 * <tr><td>{@code meshagent.api-url}</td><td>{@code MESHAGENT_API_URL}</td><td>MeshAgent base URL
 *     (default {@code https://api.meshagent.com})</td></tr>
 * <tr><td>{@code meshagent.issuer}</td><td>{@code MESHAGENT_ISSUER}</td><td>switches to OIDC mode</td></tr>
 * <tr><td>{@code meshagent.client-id}</td><td>{@code MESHAGENT_CLIENT_ID}</td><td>OAuth client id (required)</td></tr>
 * <tr><td>{@code meshagent.client-secret}</td><td>{@code MESHAGENT_CLIENT_SECRET}</td><td>absent: public client</td></tr>
 * <tr><td>{@code meshagent.redirect-uri}</td><td>{@code MESHAGENT_REDIRECT_URI}</td><td>absolute callback URL (required)</td></tr>
 * <tr><td>{@code meshagent.scopes}</td><td>{@code MESHAGENT_SCOPES}</td><td>space-separated scopes</td></tr>
 * <tr><td>{@code meshagent.project-id}</td><td>{@code MESHAGENT_PROJECT_ID}</td><td>project id</td></tr>
 * <tr><td>{@code meshagent.api-key}</td><td>{@code MESHAGENT_API_KEY}</td><td>{@code ma-...} key for participant tokens</td></tr>
 * <tr><td>{@code meshagent.room-url}</td><td>{@code MESHAGENT_ROOM_URL}</td><td>room websocket base</td></tr>
 * </table>
 *
 * <p>Further keys map one-to-one onto builder settings: {@code meshagent.protected-paths},
 * {@code meshagent.excluded-paths} (comma- or space-separated patterns), {@code meshagent.after-logout-path},
 * {@code meshagent.client-auth-method} ({@code post}|{@code basic}), {@code meshagent.connect-timeout},
 * {@code meshagent.read-timeout}, {@code meshagent.max-response-bytes} (these three bound every outbound
 * call, see {@link #httpLimits()}), {@code meshagent.refresh-skew}, {@code meshagent.id-token-max-age}
 * (durations: milliseconds or ISO-8601 like {@code PT5S})
 * and {@code meshagent.room-access-policy} (a policy class name with a public no-arg constructor), and
 * {@code meshagent.room-token-rate-limit} ({@code requests/window} like {@code 60/PT1M}, or {@code off}).
 *
 * <p>{@link #toString()} never prints the client secret or the API key.
 */
public final class MeshAgentConfig {

    /** How the client authenticates at the token and revocation endpoints. */
    public enum ClientAuthMethod {
        /** {@code client_secret_post}: the secret travels in the form body (MeshAgent's own clients do this). */
        POST,
        /** {@code client_secret_basic}: HTTP Basic with the form-encoded id and secret. */
        BASIC
    }

    /** The MeshAgent API when nothing else is configured (docs/meshagent-protocol.md §1). */
    public static final URI DEFAULT_API_URL = URI.create("https://api.meshagent.com");

    /** Scopes requested by default, as docs/design.md §3 names them. */
    public static final String DEFAULT_SCOPES = "openid profile email offline_access";

    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

    private final URI apiUrl;
    private final URI issuer;
    private final String clientId;
    private final String clientSecret;
    private final URI redirectUri;
    private final List<String> scopes;
    private final String projectId;
    private final String apiKey;
    private final URI roomUrl;
    private final List<String> protectedPaths;
    private final List<String> excludedPaths;
    private final Duration refreshSkew;
    private final Clock clock;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int maxResponseBytes;
    private final String afterLogoutPath;
    private final RoomAccessPolicy roomAccessPolicy;
    private final RoomTokens roomTokens;
    private final ClientAuthMethod clientAuthMethod;
    private final Duration defaultTokenLifetime;
    private final Duration idTokenMaxAge;
    private final int roomTokenRateLimit;
    private final Duration roomTokenRateWindow;
    private final Object meterRegistry;
    private final RefreshCoordinator refreshCoordinator;
    private final String backChannelLogoutPath;
    private final ProviderLogouts providerLogouts;

    private MeshAgentConfig(Builder b) {
        this.apiUrl = b.apiUrl;
        this.issuer = b.issuer;
        this.clientId = b.clientId;
        this.clientSecret = b.clientSecret;
        this.redirectUri = b.redirectUri;
        this.scopes = List.copyOf(b.scopes);
        this.projectId = b.projectId;
        this.apiKey = b.apiKey;
        this.roomUrl = b.roomUrl != null ? b.roomUrl : websocketBase(b.apiUrl);
        this.protectedPaths = List.copyOf(b.protectedPaths);
        this.excludedPaths = List.copyOf(b.excludedPaths);
        this.refreshSkew = b.refreshSkew;
        this.clock = b.clock;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.maxResponseBytes = b.maxResponseBytes;
        this.afterLogoutPath = b.afterLogoutPath;
        this.roomAccessPolicy = b.roomAccessPolicy;
        this.roomTokens = b.roomTokens;
        this.clientAuthMethod = b.clientAuthMethod;
        this.defaultTokenLifetime = b.defaultTokenLifetime;
        this.idTokenMaxAge = b.idTokenMaxAge;
        this.roomTokenRateLimit = b.roomTokenRateLimit;
        this.roomTokenRateWindow = b.roomTokenRateWindow;
        this.meterRegistry = b.meterRegistry;
        this.refreshCoordinator = b.refreshCoordinator;
        this.backChannelLogoutPath = b.backChannelLogoutPath;
        this.providerLogouts = b.providerLogouts != null ? b.providerLogouts : ProviderLogouts.inMemory();
    }

    /** {@return a builder with every default set; {@code clientId} and {@code redirectUri} are required} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder pre-filled from system properties, then environment variables (keys above)} */
    public static Builder fromEnvironment() {
        return builder().fromInitParameters(key -> null);
    }

    /** {@return the MeshAgent API base URL (default {@link #DEFAULT_API_URL})} */
    public URI apiUrl() { return apiUrl; }

    /** {@return the OIDC issuer; present means OIDC mode} */
    public Optional<URI> issuer() { return Optional.ofNullable(issuer); }

    /** {@return whether an issuer is set: users then sign in at that OIDC issuer instead of MeshAgent} */
    public boolean oidcMode() { return issuer != null; }

    /** {@return the OAuth client id} */
    public String clientId() { return clientId; }

    /** {@return the client secret, absent for a public client} A secret: never log it. */
    public Optional<String> clientSecret() { return Optional.ofNullable(clientSecret); }

    /** {@return the absolute callback URL registered on the client} */
    public URI redirectUri() { return redirectUri; }

    /** {@return the scopes requested at sign-in, without duplicates (default {@link #DEFAULT_SCOPES})} */
    public List<String> scopes() { return scopes; }

    /** {@return the MeshAgent project id, if configured} */
    public Optional<String> projectId() { return Optional.ofNullable(projectId); }

    /** {@return the {@code ma-...} API key, if configured} A secret: never log it. */
    public Optional<String> apiKey() { return Optional.ofNullable(apiKey); }

    /** {@return the websocket base rooms are reached under ({@code roomUrl + "/rooms/" + name})} */
    public URI roomUrl() { return roomUrl; }

    /** {@return the path patterns that require sign-in (default {@code /*})} */
    public List<String> protectedPaths() { return protectedPaths; }

    /** {@return the path patterns that never require sign-in, even when a protected pattern matches} */
    public List<String> excludedPaths() { return excludedPaths; }

    /** {@return how long before the access token expires it is refreshed (default 60 s)} */
    public Duration refreshSkew() { return refreshSkew; }

    /** {@return the time source for expiry and refresh decisions (default the UTC system clock)} */
    public Clock clock() { return clock; }

    /** {@return the connect timeout of every outbound call (default 5 s)} */
    public Duration connectTimeout() { return connectTimeout; }

    /** {@return the total timeout (headers and body) of every outbound call (default 10 s)} */
    public Duration readTimeout() { return readTimeout; }

    /** {@return the largest response body, in bytes, any outbound call accepts (default 256 KiB)} */
    public int maxResponseBytes() { return maxResponseBytes; }

    /** {@return the bounds every outbound call of the filter uses: connect timeout, read (total) timeout, body cap} */
    public HttpLimits httpLimits() { return new HttpLimits(connectTimeout, readTimeout, maxResponseBytes); }

    /** {@return the same-origin path {@code POST /meshagent/logout} sends the browser to (default {@code /})} */
    public String afterLogoutPath() { return afterLogoutPath; }

    /** {@return who may join which room, if a policy was configured} */
    public Optional<RoomAccessPolicy> roomAccessPolicy() { return Optional.ofNullable(roomAccessPolicy); }

    /** {@return the ready {@link RoomTokens} given instead of an API key and policy, if any} */
    public Optional<RoomTokens> roomTokens() { return Optional.ofNullable(roomTokens); }

    /** {@return how the client authenticates at the token endpoint (default {@link ClientAuthMethod#POST})} */
    public ClientAuthMethod clientAuthMethod() { return clientAuthMethod; }

    /** {@return the access-token lifetime assumed when the token response has no {@code expires_in} (default 1 h)} */
    public Duration defaultTokenLifetime() { return defaultTokenLifetime; }

    /** {@return how old (by its {@code iat}) an ID token may be when it arrives (OIDC mode; default 10 min)} */
    public Duration idTokenMaxAge() { return idTokenMaxAge; }
    /** {@return the room-token requests one user may make per {@link #roomTokenRateWindow()}; 0 means no limit} */
    public int roomTokenRateLimit() { return roomTokenRateLimit; }

    /** {@return the fixed window {@link #roomTokenRateLimit()} counts in (default 1 min)} */
    public Duration roomTokenRateWindow() { return roomTokenRateWindow; }

    /** {@return the Micrometer {@code MeterRegistry} the filter records its meters in, if one was given} */
    public Optional<Object> meterRegistry() { return Optional.ofNullable(meterRegistry); }

    /** {@return who makes sure a refresh token is redeemed once across nodes (default in-JVM)} */
    public RefreshCoordinator refreshCoordinator() { return refreshCoordinator; }

    /** {@return the path the provider POSTs back-channel logout tokens to (default {@code /meshagent/backchannel-logout})} */
    public String backChannelLogoutPath() { return backChannelLogoutPath; }

    /** {@return the sign-ins the provider ended, shared by the nodes sharing sessions (default in memory, one node)} */
    public ProviderLogouts providerLogouts() { return providerLogouts; }

    @Override
    public String toString() {
        return "MeshAgentConfig[mode=" + (oidcMode() ? "oidc, issuer=" + issuer : "meshagent")
                + ", apiUrl=" + apiUrl + ", clientId=" + clientId
                + ", clientSecret=" + (clientSecret == null ? "<none>" : "<redacted>")
                + ", redirectUri=" + redirectUri + ", scopes=" + String.join(" ", scopes)
                + ", projectId=" + projectId + ", apiKey=" + (apiKey == null ? "<none>" : "<redacted>")
                + ", roomUrl=" + roomUrl + ", protectedPaths=" + protectedPaths + ", excludedPaths=" + excludedPaths
                + ", refreshSkew=" + refreshSkew + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", maxResponseBytes=" + maxResponseBytes
                + ", afterLogoutPath=" + afterLogoutPath + ", clientAuthMethod=" + clientAuthMethod
                + ", roomTokenRateLimit=" + (roomTokenRateLimit == 0 ? "off" : roomTokenRateLimit + "/" + roomTokenRateWindow) + "]";
    }

    static URI websocketBase(URI api) {
        String s = api.toString();
        if (s.startsWith("https://")) {
            s = "wss://" + s.substring("https://".length());
        } else if (s.startsWith("http://")) {
            s = "ws://" + s.substring("http://".length());
        }
        return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }

    /**
     * Validating builder. Each setter checks its value and throws {@link IllegalArgumentException} naming
     * the setting and the bad value (never echoing a secret); {@link #build()} checks what needs several
     * settings together.
     */
    public static final class Builder {
        private URI apiUrl = DEFAULT_API_URL;
        private URI issuer;
        private String clientId;
        private String clientSecret;
        private URI redirectUri;
        private List<String> scopes = List.of(DEFAULT_SCOPES.split(" "));
        private String projectId;
        private String apiKey;
        private URI roomUrl;
        private List<String> protectedPaths = List.of("/*");
        private List<String> excludedPaths = List.of();
        private Duration refreshSkew = Duration.ofSeconds(60);
        private Clock clock = Clock.systemUTC();
        private Duration connectTimeout = HttpLimits.DEFAULT.connectTimeout();
        private Duration readTimeout = HttpLimits.DEFAULT.totalTimeout();
        private int maxResponseBytes = HttpLimits.DEFAULT.maxResponseBytes();
        private String afterLogoutPath = "/";
        private RoomAccessPolicy roomAccessPolicy;
        private RoomTokens roomTokens;
        private ClientAuthMethod clientAuthMethod = ClientAuthMethod.POST;
        private Duration defaultTokenLifetime = Duration.ofHours(1);
        private Duration idTokenMaxAge = Duration.ofMinutes(10);
        private int roomTokenRateLimit = 60;
        private Duration roomTokenRateWindow = Duration.ofMinutes(1);
        private Object meterRegistry;
        private RefreshCoordinator refreshCoordinator = RefreshCoordinator.inJvm();
        private String backChannelLogoutPath = "/meshagent/backchannel-logout";
        private ProviderLogouts providerLogouts;

        private Builder() {}

        /**
         * {@code meshagent.api-url}: absolute http(s) URL of the MeshAgent API.
         *
         * @param url the API base URL, such as {@code https://api.meshagent.com}
         * @return this builder
         */
        public Builder apiUrl(String url) { this.apiUrl = httpUrl("meshagent.api-url", url); return this; }

        /**
         * {@code meshagent.issuer}: the OIDC issuer; setting it switches to OIDC mode.
         *
         * @param issuerUrl the issuer URL, exactly as the provider names itself
         * @return this builder
         */
        public Builder issuer(String issuerUrl) { this.issuer = httpUrl("meshagent.issuer", issuerUrl); return this; }

        /**
         * {@code meshagent.client-id} (required).
         *
         * @param id the client id
         * @return this builder
         */
        public Builder clientId(String id) { this.clientId = requireText("meshagent.client-id", id); return this; }

        /**
         * {@code meshagent.client-secret}; {@code null} makes a public client (PKCE only).
         *
         * @param secret the client secret, or {@code null}
         * @return this builder
         */
        public Builder clientSecret(String secret) {
            if (secret != null && secret.isBlank()) {
                throw new IllegalArgumentException("meshagent.client-secret must not be blank");
            }
            this.clientSecret = secret;
            return this;
        }

        /**
         * {@code meshagent.redirect-uri} (required): the absolute callback URL registered on the client.
         *
         * @param uri the callback URL
         * @return this builder
         */
        public Builder redirectUri(String uri) {
            URI u = httpUrl("meshagent.redirect-uri", uri);
            this.redirectUri = Checks.checked(u, u.getRawQuery() == null && u.getRawFragment() == null,
                    "meshagent.redirect-uri must have no query or fragment");
            return this;
        }

        /**
         * {@code meshagent.scopes}: space-separated scope tokens.
         *
         * @param spaceSeparated the scopes, separated by spaces
         * @return this builder
         */
        public Builder scopes(String spaceSeparated) {
            String s = requireText("meshagent.scopes", spaceSeparated).trim();
            List<String> list = new ArrayList<>();
            for (String token : s.split("\\s+")) {
                if (!SCOPE_TOKEN.matcher(token).matches()) {
                    throw new IllegalArgumentException("meshagent.scopes has an invalid scope token: " + spaceSeparated);
                }
                if (!list.contains(token)) {
                    list.add(token);
                }
            }
            this.scopes = list;
            return this;
        }

        /**
         * {@code meshagent.project-id}.
         *
         * @param id the project id
         * @return this builder
         */
        public Builder projectId(String id) { this.projectId = requireText("meshagent.project-id", id); return this; }

        /**
         * {@code meshagent.api-key}: the {@code ma-...} key that signs participant tokens.
         *
         * @param key the API key
         * @return this builder
         */
        public Builder apiKey(String key) {
            if (key == null || key.isBlank() || !key.startsWith("ma-")) {
                throw new IllegalArgumentException("meshagent.api-key must be a MeshAgent API key starting with ma-");
            }
            this.apiKey = key;
            return this;
        }

        /**
         * {@code meshagent.room-url}: ws(s) base of the room websocket; default derived from the API URL.
         *
         * @param url a {@code ws://} or {@code wss://} URL
         * @return this builder
         */
        public Builder roomUrl(String url) {
            URI u = absolute("meshagent.room-url", url);
            String scheme = u.getScheme().toLowerCase(Locale.ROOT);
            this.roomUrl = Checks.checked(u, scheme.equals("ws") || scheme.equals("wss"),
                    "meshagent.room-url must be a ws:// or wss:// URL");
            return this;
        }

        /**
         * Paths that require sign-in, as servlet-style patterns on the normalized path: exact
         * ({@code /admin}), prefix ({@code /app/*}), everything ({@code /*}) or extension ({@code *.jsp}).
         * Default {@code /*}.
         *
         * @param includePatterns the patterns
         * @return this builder
         */
        public Builder protectedPaths(String... includePatterns) {
            this.protectedPaths = patterns("protectedPaths", includePatterns);
            return this;
        }

        /**
         * Paths never requiring sign-in even when a protected pattern matches (same pattern syntax).
         *
         * @param excludePatterns the patterns
         * @return this builder
         */
        public Builder excludedPaths(String... excludePatterns) {
            this.excludedPaths = patterns("excludedPaths", excludePatterns);
            return this;
        }

        /**
         * Refresh this long before the access token expires (default 60 s; zero allowed).
         *
         * @param skew the margin; zero or positive
         * @return this builder
         */
        public Builder refreshSkew(Duration skew) { this.refreshSkew = Checks.notNegative(skew, "refreshSkew"); return this; }

        /**
         * The time source for expiry and refresh decisions (tests pass a mutable clock).
         *
         * @param c the clock
         * @return this builder
         */
        public Builder clock(Clock c) { this.clock = requireNonNull(c, "clock"); return this; }

        /**
         * Connect timeout for every outbound call (default 5 s); must be positive.
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Checks.positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * Total timeout (headers and body) for every outbound call (default 10 s); must be positive.
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder readTimeout(Duration timeout) { this.readTimeout = Checks.positive(timeout, "readTimeout"); return this; }

        /**
         * {@code meshagent.max-response-bytes}: largest response body any outbound call accepts (default 256 KiB).
         *
         * @param bytes the cap in bytes, from 1 KiB to 16 MiB
         * @return this builder
         */
        public Builder maxResponseBytes(int bytes) {
            this.maxResponseBytes = Checks.checked(bytes,
                    bytes >= HttpLimits.MIN_RESPONSE_BYTES && bytes <= HttpLimits.MAX_RESPONSE_BYTES,
                    "meshagent.max-response-bytes must be between " + HttpLimits.MIN_RESPONSE_BYTES + " and "
                            + HttpLimits.MAX_RESPONSE_BYTES);
            return this;
        }

        /**
         * Where {@code POST /meshagent/logout} sends the browser: a same-origin path (default {@code /}).
         *
         * @param path the path, starting with a single {@code /}
         * @return this builder
         */
        public Builder afterLogoutPath(String path) {
            this.afterLogoutPath = Checks.checked(path, path != null && path.startsWith("/") && !path.startsWith("//")
                    && !path.contains("\\") && path.chars().noneMatch(ch -> ch <= 0x20 || ch == 0x7f),
                    "afterLogoutPath must be a same-origin path starting with /");
            return this;
        }

        /**
         * Who may join which room; with an API key this enables the room endpoints.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder roomAccessPolicy(RoomAccessPolicy policy) {
            this.roomAccessPolicy = requireNonNull(policy, "roomAccessPolicy");
            return this;
        }

        /**
         * A ready {@link RoomTokens} to use instead of building one from the API key and policy.
         *
         * @param tokens the room tokens to use
         * @return this builder
         */
        public Builder roomTokens(RoomTokens tokens) { this.roomTokens = requireNonNull(tokens, "roomTokens"); return this; }

        /**
         * Client authentication at the token endpoint (default {@link ClientAuthMethod#POST}).
         *
         * @param method the method
         * @return this builder
         */
        public Builder clientAuthMethod(ClientAuthMethod method) {
            this.clientAuthMethod = requireNonNull(method, "clientAuthMethod");
            return this;
        }

        /**
         * Access-token lifetime assumed when the provider sends no {@code expires_in} (default 1 h).
         *
         * @param lifetime the lifetime; must be positive
         * @return this builder
         */
        public Builder defaultTokenLifetime(Duration lifetime) {
            this.defaultTokenLifetime = Checks.positive(lifetime, "defaultTokenLifetime");
            return this;
        }

        /**
         * {@code meshagent.id-token-max-age}: the oldest an ID token may be, by its {@code iat}, when it arrives
         * at sign-in or refresh (default 10 min, plus 60 s of clock skew); between 1 s and 1 day.
         *
         * @param maxAge the maximum age
         * @return this builder
         */
        public Builder idTokenMaxAge(Duration maxAge) {
            Duration age = requireNonNull(maxAge, "idTokenMaxAge");
            this.idTokenMaxAge = Checks.checked(age,
                    age.compareTo(Duration.ofSeconds(1)) >= 0 && age.compareTo(Duration.ofDays(1)) <= 0,
                    "meshagent.id-token-max-age must be between 1 s and 1 day");
            return this;
        }

        /**
         * How nodes sharing sessions redeem a refresh token once: {@link RefreshCoordinator#inJvm()} (default,
         * one node) or {@link com.meshagent.filter.cluster.PostgresRefreshCoordinator} (every node on one database).
         *
         * @param coordinator the coordinator
         * @return this builder
         */
        public Builder refreshCoordinator(RefreshCoordinator coordinator) {
            this.refreshCoordinator = requireNonNull(coordinator, "refreshCoordinator");
            return this;
        }

        /**
         * {@code meshagent.backchannel-logout-path}: the back-channel logout endpoint's path in the application.
         *
         * @param path the path, starting with {@code /}, without query or fragment
         * @return this builder
         */
        public Builder backChannelLogoutPath(String path) {
            this.backChannelLogoutPath = Checks.checked(path,
                    path != null && path.startsWith("/") && !path.contains("?") && !path.contains("#"),
                    "backChannelLogoutPath must be a path starting with /");
            return this;
        }

        /**
         * {@code meshagent.room-token-rate-limit}: at most {@code requests} room-token requests per user in each
         * {@code window} (default 60 per minute; requests answered from the token cache count too, since the policy
         * runs on each); {@code requests} 0 turns the limit off.
         *
         * @param requests the requests allowed per window; 0 turns the limit off
         * @param window the window; must be positive
         * @return this builder
         */
        public Builder roomTokenRateLimit(int requests, Duration window) {
            int limit = Checks.checked(requests, requests >= 0, "meshagent.room-token-rate-limit must not be negative");
            this.roomTokenRateWindow = Checks.positive(window, "meshagent.room-token-rate-limit window");
            this.roomTokenRateLimit = limit;
            return this;
        }

        /**
         * Where accepted back-channel logouts are kept: {@link ProviderLogouts#inMemory()} (default, one node) or
         * {@link com.meshagent.filter.cluster.PostgresProviderLogouts} (every node on one database).
         *
         * @param logouts the store of provider logouts
         * @return this builder
         */
        public Builder providerLogouts(ProviderLogouts logouts) {
            this.providerLogouts = requireNonNull(logouts, "providerLogouts");
            return this;
        }

        /**
         * Records the filter's meters (README "Metrics") in this Micrometer {@code MeterRegistry}. Typed
         * {@code Object} so that this class loads without Micrometer on the class path; anything but a
         * {@code io.micrometer.core.instrument.MeterRegistry} is refused. Without it the filter records nothing.
         *
         * @param registry a Micrometer {@code MeterRegistry}
         * @return this builder
         */
        public Builder meterRegistry(Object registry) {
            Class<?> type = requireNonNull(registry, "meterRegistry").getClass();
            if (!isMeterRegistry(type)) {
                throw new IllegalArgumentException("meterRegistry must be an io.micrometer.core.instrument.MeterRegistry,"
                        + " not " + type.getName());
            }
            this.meterRegistry = registry;
            return this;
        }

        private static boolean isMeterRegistry(Class<?> type) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                if (c.getName().equals("io.micrometer.core.instrument.MeterRegistry")) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Fills every key found, looking each up in {@code initParameter} first, then system properties, then
         * the environment (the {@code MESHAGENT_*} name). Keys found nowhere keep their current value.
         *
         * @param initParameter looks up a key such as {@code meshagent.client-id}; {@code null} when not set there
         * @return this builder
         */
        public Builder fromInitParameters(Function<String, String> initParameter) {
            requireNonNull(initParameter, "initParameter");
            Function<String, String> lookup = key -> {
                String v = initParameter.apply(key);
                if (v == null) {
                    v = System.getProperty(key);
                }
                if (v == null) {
                    v = System.getenv(envName(key));
                }
                return v == null || v.isBlank() ? null : v.trim();
            };
            apply(lookup, "meshagent.api-url", this::apiUrl);
            apply(lookup, "meshagent.issuer", this::issuer);
            apply(lookup, "meshagent.client-id", this::clientId);
            apply(lookup, "meshagent.client-secret", this::clientSecret);
            apply(lookup, "meshagent.redirect-uri", this::redirectUri);
            apply(lookup, "meshagent.scopes", this::scopes);
            apply(lookup, "meshagent.project-id", this::projectId);
            apply(lookup, "meshagent.api-key", this::apiKey);
            apply(lookup, "meshagent.room-url", this::roomUrl);
            apply(lookup, "meshagent.protected-paths", v -> protectedPaths(v.split("[,\\s]+")));
            apply(lookup, "meshagent.excluded-paths", v -> excludedPaths(v.split("[,\\s]+")));
            apply(lookup, "meshagent.after-logout-path", this::afterLogoutPath);
            apply(lookup, "meshagent.client-auth-method", v -> clientAuthMethod(authMethod(v)));
            apply(lookup, "meshagent.connect-timeout", v -> connectTimeout(duration("meshagent.connect-timeout", v)));
            apply(lookup, "meshagent.read-timeout", v -> readTimeout(duration("meshagent.read-timeout", v)));
            apply(lookup, "meshagent.max-response-bytes", v -> maxResponseBytes(integer("meshagent.max-response-bytes", v)));
            apply(lookup, "meshagent.refresh-skew", v -> refreshSkew(duration("meshagent.refresh-skew", v)));
            apply(lookup, "meshagent.id-token-max-age", v -> idTokenMaxAge(duration("meshagent.id-token-max-age", v)));
            apply(lookup, "meshagent.backchannel-logout-path", this::backChannelLogoutPath);
            apply(lookup, "meshagent.room-access-policy", v -> roomAccessPolicy(policyClass(v)));
            apply(lookup, "meshagent.room-token-rate-limit", this::roomTokenRateLimit);
            return this;
        }

        /**
         * Checks what needs several settings together and returns the immutable config.
         *
         * @return the config
         * @throws IllegalStateException when a required setting is missing or two settings conflict
         */
        public MeshAgentConfig build() {
            if (clientId == null) {
                throw new IllegalStateException("meshagent.client-id is required (MESHAGENT_CLIENT_ID)");
            }
            if (redirectUri == null) {
                throw new IllegalStateException("meshagent.redirect-uri is required (MESHAGENT_REDIRECT_URI)");
            }
            if (issuer != null && !scopes.contains("openid")) {
                throw new IllegalStateException("meshagent.scopes must include openid in OIDC mode (meshagent.issuer set): "
                        + String.join(" ", scopes));
            }
            if (clientAuthMethod == ClientAuthMethod.BASIC && clientSecret == null) {
                throw new IllegalStateException("clientAuthMethod BASIC needs meshagent.client-secret");
            }
            return new MeshAgentConfig(this);
        }

        private static void apply(Function<String, String> lookup, String key, java.util.function.Consumer<String> setter) {
            String v = lookup.apply(key);
            if (v != null) {
                setter.accept(v);
            }
        }

        /** Instantiates a {@link RoomAccessPolicy} named by class (public, with a public no-arg constructor). */
        private static RoomAccessPolicy policyClass(String className) {
            try {
                ClassLoader loader = Thread.currentThread().getContextClassLoader();
                Class<?> type = Class.forName(className.trim(), true,
                        loader != null ? loader : MeshAgentConfig.class.getClassLoader());
                if (!RoomAccessPolicy.class.isAssignableFrom(type)) {
                    throw new IllegalArgumentException("meshagent.room-access-policy is not a RoomAccessPolicy: " + className);
                }
                return (RoomAccessPolicy) type.getConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new IllegalArgumentException("meshagent.room-access-policy must name a class with a public no-arg "
                        + "constructor: " + className + " (" + e.getClass().getSimpleName() + ")");
            }
        }

        /** {@code off}, {@code 0}, or {@code requests/window} with the window as in {@link #duration}. */
        private void roomTokenRateLimit(String v) {
            String key = "meshagent.room-token-rate-limit";
            if (v.equalsIgnoreCase("off") || v.equals("0")) {
                roomTokenRateLimit(0, roomTokenRateWindow);
                return;
            }
            int slash = v.indexOf('/');
            if (slash < 0 || !v.substring(0, slash).trim().matches("\\d{1,9}")) {
                throw new IllegalArgumentException(key + " must be off or requests/window like 60/PT1M: " + v);
            }
            roomTokenRateLimit(Integer.parseInt(v.substring(0, slash).trim()), duration(key, v.substring(slash + 1).trim()));
        }

        private static ClientAuthMethod authMethod(String v) {
            String s = v.trim().toLowerCase(Locale.ROOT);
            if (s.equals("post") || s.equals("client_secret_post")) {
                return ClientAuthMethod.POST;
            }
            if (s.equals("basic") || s.equals("client_secret_basic")) {
                return ClientAuthMethod.BASIC;
            }
            throw new IllegalArgumentException("meshagent.client-auth-method must be post or basic: " + v);
        }

        private static int integer(String key, String v) {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a whole number of bytes: " + v);
            }
        }

        private static Duration duration(String key, String v) {
            try {
                if (v.matches("\\d+")) {
                    return Duration.ofMillis(Long.parseLong(v));
                }
                return Duration.parse(v.toUpperCase(Locale.ROOT).startsWith("P") ? v : "PT" + v);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(key + " must be milliseconds or an ISO-8601 duration: " + v);
            }
        }
    }

    /** {@code meshagent.client-id} becomes {@code MESHAGENT_CLIENT_ID}. */
    static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static String requireText(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " must not be blank");
        }
        if (value.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
            throw new IllegalArgumentException(key + " must not contain control characters");
        }
        return value;
    }

    private static URI absolute(String key, String value) {
        requireText(key, value);
        try {
            URI u = new URI(value.trim());
            if (!u.isAbsolute() || u.getHost() == null || u.getRawUserInfo() != null) {
                throw new IllegalArgumentException(key + " must be an absolute URL with a host and no user info: "
                        + shown(value));
            }
            return u;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(key + " is not a valid URL: " + shown(value));
        }
    }

    /** A rejected URL as messages quote it: not at all when it may carry {@code user:password@}. */
    private static String shown(String url) {
        return url.indexOf('@') >= 0 ? "<not shown: it may hold a password>" : url;
    }

    private static URI httpUrl(String key, String value) {
        URI u = absolute(key, value);
        String scheme = u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException(key + " must be an http(s) URL: " + value);
        }
        return u;
    }

    private static List<String> patterns(String key, String... patterns) {
        requireNonNull(patterns, key);
        List<String> out = new ArrayList<>();
        for (String p : Arrays.asList(patterns)) {
            if (p == null || p.isBlank()) {
                continue;
            }
            boolean ok = p.equals("/*") || (p.startsWith("*.") && p.length() > 2 && !p.substring(2).contains("/"))
                    || (p.startsWith("/") && !p.substring(0, p.length() - (p.endsWith("/*") ? 2 : 0)).contains("*"));
            if (!ok) {
                throw new IllegalArgumentException(key + " has an invalid pattern (use /exact, /prefix/*, /* or *.ext): " + p);
            }
            out.add(p);
        }
        return out;
    }
}
