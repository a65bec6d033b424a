package com.meshagent.filter.room;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.meshagent.filter.MeshAgentUser;
import com.meshagent.filter.internal.Checks;
import com.meshagent.filter.internal.Tickers;
import com.meshagent.filter.internal.json.Json;
import com.meshagent.filter.internal.log.Log;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Participant tokens for signed-in users: asks the {@link RoomAccessPolicy}, then returns a cached token
 * or mints one with the {@link ParticipantTokenIssuer}.
 *
 * <pre>{@code
 * RoomTokens tokens = RoomTokens.builder()
 *         .policy(RoomAccessPolicy.allowAll(ParticipantRole.USER, ApiScope.userDefault()))
 *         .apiKey(System.getenv("MESHAGENT_API_KEY"))
 *         .roomUrl(URI.create("wss://api.meshagent.com"))
 *         .build();
 * RoomTokens.Result r = tokens.issue(user, "my-room");
 * }</pre>
 *
 * <p><b>Participant name.</b> The token's {@code name} (the identity other participants see) is the user's
 * email when the provider vouched for it ({@link MeshAgentUser#verifiedEmail()}), else the user's subject
 * id — an unverified email is never used, so two accounts claiming the same address get different names
 * (and tokens). Nothing else about the user, and never an OAuth token, goes into the participant token.
 *
 * <p><b>Lifetime.</b> Every token carries {@code iat} and {@code exp}; {@code exp} is the policy's ttl
 * (one hour for the built-in policies) capped by {@link Builder#maxTtl}.
 *
 * <p><b>Cache.</b> Keyed by (provider, user id, participant name, room, the policy's decision): a changed
 * decision is a different key, so it yields a new token. An entry expires {@link Builder#expiryMargin}
 * before its token's {@code exp}; at most {@link Builder#maximumSize} entries; concurrent requests for the
 * same key mint once. The policy is asked on every call, cached or not. Node-local and safe to lose.
 *
 * <p>Thread-safe.
 */
public final class RoomTokens {

    private static final Log log = Log.of(RoomTokens.class);

    /** The outcome of {@link #issue}. */
    public sealed interface Result {}

    /**
     * A token for the room. {@code token} is a secret: never log it or put it in a URL.
     *
     * <p>Its {@link #json() JSON form}, the answer of {@code POST /meshagent/rooms/{room}/token}, is written once
     * when the token is minted: a cached token is handed out many times, and writing the same document again on
     * every join was about a quarter of the endpoint's own work (docs/benchmarks.md).
     */
    public static final class Issued implements Result {
        private final String token;
        private final URI roomUrl;
        private final String roomName;
        private final String participantName;
        private final Instant expiresAt;
        private final String json;

        /**
         * A token for a room.
         *
         * @param token the participant token (a JWT)
         * @param roomUrl the room's websocket URL
         * @param roomName the room's name
         * @param participantName the participant's name in the room
         * @param expiresAt when the token expires
         */
        public Issued(String token, URI roomUrl, String roomName, String participantName, Instant expiresAt) {
            this.token = Objects.requireNonNull(token, "token");
            this.roomUrl = Objects.requireNonNull(roomUrl, "roomUrl");
            this.roomName = Objects.requireNonNull(roomName, "roomName");
            this.participantName = Objects.requireNonNull(participantName, "participantName");
            this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("token", token);
            body.put("room_url", roomUrl.toString());
            body.put("room_name", roomName);
            body.put("participant_name", participantName);
            body.put("expires_at", expiresAt.toString());
            this.json = Json.write(body);
        }

        /** @return the participant token (a JWT); a secret */
        public String token() { return token; }

        /** @return the room's websocket URL */
        public URI roomUrl() { return roomUrl; }

        /** @return the room's name */
        public String roomName() { return roomName; }

        /** @return the participant's name in the room */
        public String participantName() { return participantName; }

        /** @return when the token expires */
        public Instant expiresAt() { return expiresAt; }

        /**
         * The JSON document the room-token endpoint answers with:
         * {@code {"token", "room_url", "room_name", "participant_name", "expires_at"}} (README, "Rooms"). It holds
         * the token: a secret like the token itself.
         *
         * @return compact JSON, members in that order
         */
        public String json() { return json; }

        @Override
        public boolean equals(Object o) {
            return o instanceof Issued i && token.equals(i.token) && roomUrl.equals(i.roomUrl)
                    && roomName.equals(i.roomName) && participantName.equals(i.participantName)
                    && expiresAt.equals(i.expiresAt);
        }

        @Override
        public int hashCode() {
            return Objects.hash(token, roomUrl, roomName, participantName, expiresAt);
        }

        @Override
        public String toString() {
            return "Issued[roomName=" + roomName + ", participantName=" + participantName
                    + ", expiresAt=" + expiresAt + ", token=<redacted>]";
        }
    }

    /** The policy said no; {@code reason} is fit to show the user. */
    public record Denied(String reason) implements Result {}

    /** The room name is not one MeshAgent accepts (docs/meshagent-protocol.md §6.1). */
    public record InvalidRoomName(String message) implements Result {}

    /**
     * The policy threw ({@code policy_failed}), or the issuer failed ({@code mint_failed}); {@code reason} is a
     * stable code, {@code detail} a sentence fit to show; the cause is logged.
     */
    public record Failed(String reason, String detail) implements Result {}

    /** Cache counters since start: lookups that found a live token, lookups that did not, tokens minted. */
    public record Stats(long hits, long misses, long mints, long size) {}

    /** The cache key: who, where, and the decision (so a changed decision is a new key). */
    private record Key(String provider, String userId, String participantName, String room, RoomAccess.Allowed decision) {}

    private final RoomAccessPolicy policy;
    private final ParticipantTokenIssuer issuer;
    private final String roomUrlPrefix;
    private final Duration maxTtl;
    private final Clock clock;
    private final Cache<Key, Issued> cache;
    private final Function<Key, Issued> minter = this::mint; // built once, not per issue() call
    private final LongAdder mints = new LongAdder();

    private RoomTokens(Builder b) {
        this.policy = b.policy;
        this.issuer = b.issuer != null ? b.issuer : ParticipantTokenIssuer.local(b.apiKey);
        this.roomUrlPrefix = b.roomUrl.toString().replaceAll("/+$", "") + "/rooms/";
        this.maxTtl = b.maxTtl;
        this.clock = b.clock;
        Duration margin = b.expiryMargin;
        Clock c = b.clock;
        this.cache = Caffeine.newBuilder()
                .maximumSize(b.maximumSize)
                .ticker(Tickers.of(c))
                .executor(Runnable::run) // maintenance on caller threads: deterministic, no pool needed
                .expireAfter(Expiry.creating((Key k, Issued t) -> {
                    Duration left = Duration.between(c.instant(), t.expiresAt()).minus(margin);
                    return left.isNegative() ? Duration.ZERO : left;
                }))
                .recordStats()
                .build();
    }

    /**
     * Starts a configuration.
     *
     * @return a new builder; {@link Builder#policy}, a signing key or issuer, and {@link Builder#roomUrl} are required
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Validates the room name, asks the policy, and when allowed returns a (possibly cached) token.
     * Never throws for bad input or a failing policy/issuer; {@code user} must not be {@code null}.
     *
     * @param user     the signed-in user
     * @param roomName the room asked for, not yet validated
     * @return the token, or why there is none
     */
    public Result issue(MeshAgentUser user, String roomName) {
        Objects.requireNonNull(user, "user");
        if (!RoomName.isValid(roomName)) {
            return new InvalidRoomName("A room name has 1 to 63 characters: lower-case letters, digits and '-',"
                    + " starting and ending with a letter or digit");
        }
        RoomAccess access;
        try {
            access = policy.decide(user, roomName);
        } catch (RuntimeException e) {
            log.error("Room access policy {} threw for user {} and room {}", policy, user.id(), roomName, e);
            return new Failed("policy_failed", "The room access policy failed");
        }
        if (access instanceof RoomAccess.Denied denied) {
            return new Denied(denied.reason());
        }
        if (!(access instanceof RoomAccess.Allowed allowed)) {
            log.error("Room access policy {} returned null for user {} and room {}", policy, user.id(), roomName);
            return new Failed("policy_failed", "The room access policy failed");
        }
        String participant = participantName(user);
        Key key = new Key(user.provider(), user.id(), participant, roomName, allowed);
        try {
            return cache.get(key, minter);
        } catch (RuntimeException e) {
            log.warn("Minting a participant token for user {} and room {} failed: {}", user.id(), roomName, e.toString());
            return new Failed("mint_failed", "A room token could not be issued; try again later");
        }
    }

    /**
     * The policy's suggested rooms for {@code user}.
     *
     * @param user the signed-in user
     * @return the suggestions that are valid room names; empty if the policy throws
     */
    public List<String> suggestedRooms(MeshAgentUser user) {
        try {
            return policy.suggestedRooms(user).stream().filter(RoomName::isValid).distinct().toList();
        } catch (RuntimeException e) {
            log.error("Room access policy {} threw listing rooms for user {}", policy, user.id(), e);
            return List.of();
        }
    }

    /**
     * Drops every cached token of the user (called at sign-out). Linear in the cache size.
     *
     * @param user the user signing out
     */
    public void invalidateUser(MeshAgentUser user) {
        cache.asMap().keySet().removeIf(k -> k.provider().equals(user.provider()) && k.userId().equals(user.id()));
    }

    /**
     * Counters and current size.
     *
     * @return a snapshot of the cache's statistics
     */
    public Stats stats() {
        var s = cache.stats();
        return new Stats(s.hitCount(), s.missCount(), mints.sum(), cache.estimatedSize());
    }

    /** The participant identity for {@code user}: the verified email, else the subject id. */
    static String participantName(MeshAgentUser user) {
        return user.verifiedEmail().orElse(user.id());
    }

    private Issued mint(Key key) {
        RoomAccess.Allowed d = key.decision();
        Instant now = clock.instant();
        Duration ttl = d.ttl().compareTo(maxTtl) > 0 ? maxTtl : d.ttl();
        ParticipantToken claims = ParticipantToken.forRoom(key.participantName(), key.room(), d.role(), d.scope(),
                now, now.plus(ttl));
        ParticipantTokenIssuer.MintedToken minted = Objects.requireNonNull(issuer.mint(claims), "issuer returned null");
        mints.increment();
        log.debug("Minted a participant token for user {} in room {}, expiring {}", key.userId(), key.room(),
                minted.expiresAt());
        return new Issued(minted.jwt(), URI.create(roomUrlPrefix + key.room()), key.room(), key.participantName(),
                minted.expiresAt());
    }

    /** Builds {@link RoomTokens}; every setter validates and names the setting in its error. */
    public static final class Builder {
        private RoomAccessPolicy policy;
        private ApiKey apiKey;
        private ParticipantTokenIssuer issuer;
        private URI roomUrl;
        private Duration maxTtl = RoomAccessPolicy.DEFAULT_TTL;
        private Duration expiryMargin = Duration.ofSeconds(60);
        private long maximumSize = 100_000;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * Required: who may join which room.
         *
         * @param policy asked on every request
         * @return this builder
         */
        public Builder policy(RoomAccessPolicy policy) { this.policy = Objects.requireNonNull(policy, "policy"); return this; }

        /**
         * The API key that signs tokens locally (required unless {@link #issuer} is set).
         *
         * @param maKey the {@code ma-...} key; a secret
         * @return this builder
         */
        public Builder apiKey(String maKey) { this.apiKey = ApiKey.parse(maKey); return this; }

        /**
         * The API key that signs tokens locally, already parsed.
         *
         * @param key the parsed key
         * @return this builder
         */
        public Builder apiKey(ApiKey key) { this.apiKey = Objects.requireNonNull(key, "apiKey"); return this; }

        /**
         * Replaces local signing, e.g. with {@link ParticipantTokenIssuer#rest}.
         *
         * @param issuer mints every token
         * @return this builder
         */
        public Builder issuer(ParticipantTokenIssuer issuer) {
            this.issuer = Objects.requireNonNull(issuer, "issuer");
            return this;
        }

        /**
         * Required: the websocket base; {@code room_url} = {@code wsBase + "/rooms/" + name}.
         *
         * @param wsBase e.g. {@code wss://api.meshagent.com}
         * @return this builder
         */
        public Builder roomUrl(URI wsBase) {
            String scheme = Objects.requireNonNull(wsBase, "roomUrl").getScheme();
            Checks.checked(wsBase, ("ws".equals(scheme) || "wss".equals(scheme)) && wsBase.getHost() != null,
                    "roomUrl must be an absolute ws:// or wss:// URL");
            this.roomUrl = Checks.checked(wsBase, wsBase.getRawQuery() == null && wsBase.getRawFragment() == null,
                    "roomUrl must have no query or fragment");
            return this;
        }

        /**
         * Upper bound on a token's lifetime, whatever the policy says (default 1 h).
         *
         * @param maxTtl positive
         * @return this builder
         */
        public Builder maxTtl(Duration maxTtl) { this.maxTtl = Checks.positive(maxTtl, "maxTtl"); return this; }

        /**
         * A cached token is dropped this long before its {@code exp} (default 60 s), so clients get time to connect.
         *
         * @param margin not negative
         * @return this builder
         */
        public Builder expiryMargin(Duration margin) {
            this.expiryMargin = Checks.notNegative(margin, "expiryMargin");
            return this;
        }

        /**
         * Most cached tokens kept (default 100 000).
         *
         * @param maximumSize zero or positive
         * @return this builder
         */
        public Builder maximumSize(long maximumSize) {
            this.maximumSize = Checks.checked(maximumSize, maximumSize >= 0, "maximumSize must be zero or positive");
            return this;
        }

        /**
         * Time for {@code iat}/{@code exp} and for the cache's expiry (default the UTC system clock).
         *
         * @param clock the time source
         * @return this builder
         */
        public Builder clock(Clock clock) { this.clock = Objects.requireNonNull(clock, "clock"); return this; }

        /**
         * Checks the settings and builds the cache.
         *
         * @return the configured room tokens
         * @throws IllegalStateException when a required setting is missing
         */
        public RoomTokens build() {
            if (policy == null) {
                throw new IllegalStateException("policy is required (e.g. RoomAccessPolicy.denyAll())");
            }
            if (roomUrl == null) {
                throw new IllegalStateException("roomUrl is required (e.g. wss://api.meshagent.com)");
            }
            if (issuer == null && apiKey == null) {
                throw new IllegalStateException("apiKey is required unless an issuer is set");
            }
            if (expiryMargin.compareTo(maxTtl) >= 0) {
                throw new IllegalStateException("expiryMargin (" + expiryMargin + ") must be shorter than maxTtl (" + maxTtl + ")");
            }
            return new RoomTokens(this);
        }
    }
}
