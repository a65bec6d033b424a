package com.meshagent.benchmarks;

import com.meshagent.filter.MeshAgentUser;
import com.meshagent.filter.room.ApiKey;
import com.meshagent.filter.room.ApiScope;
import com.meshagent.filter.room.ParticipantRole;
import com.meshagent.filter.room.ParticipantToken;
import com.meshagent.filter.room.ParticipantTokenIssuer;
import com.meshagent.filter.room.RoomAccessPolicy;
import com.meshagent.filter.room.RoomRules.Match;
import com.meshagent.filter.room.RoomTokens;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * Room-token costs next to baselines measured in the same run (docs/benchmarks.md):
 * <ul>
 *   <li>{@code cacheHit}: {@link RoomTokens#issue} on a cached token with {@code allowAll} — cache path only;</li>
 *   <li>{@code endpointPolicyPlusCacheHit}: the token endpoint's work on a hit — a {@code rules()} policy
 *       (email domain + room regex) plus the cache;</li>
 *   <li>{@code coldLocalMint}: build the claims, compact JSON, HS256 sign (the local issuer);</li>
 *   <li>{@code issueOnMiss}: {@link RoomTokens#issue} with a zero-size cache, so every call mints;</li>
 *   <li>{@code baselineConcurrentHashMapGet} / {@code baselineHmacSha256}: a bare map lookup of a similar key,
 *       and a bare HMAC-SHA256 (pre-initialised {@link Mac}) of a signing input of the same size.</li>
 * </ul>
 */
public class RoomTokensBenchmark extends BenchmarkFixture {

    private record MapKey(String provider, String userId, String room, ApiScope scope) {}

    private final MeshAgentUser user = new MeshAgentUser("https://api.meshagent.com", "u-1", "alice@example.com", "Alice", true);
    private RoomTokens allowAll;
    private RoomTokens rules;
    private RoomTokens noCache;
    private ParticipantTokenIssuer local;
    private ConcurrentHashMap<MapKey, String> map;
    private Mac mac;
    private byte[] signingInput;
    private Instant now;
    private ApiScope scope;

    @Setup
    public void setUp() throws Exception {
        ApiKey key = ApiKey.parse(KEY);
        URI ws = URI.create("wss://api.meshagent.com");
        allowAll = RoomTokens.builder().policy(allowAllPolicy()).apiKey(key).roomUrl(ws).build();
        RoomAccessPolicy policy = RoomAccessPolicy.rules()
                .when(Match.room("private-[a-z0-9-]+")).deny("Private rooms are invite-only")
                .when(Match.emailDomain("example.com").and(Match.room("team-[a-z0-9-]+")))
                    .allow(ParticipantRole.USER, ApiScope.userDefault(), Duration.ofMinutes(30))
                .build();
        rules = RoomTokens.builder().policy(policy).apiKey(key).roomUrl(ws).build();
        noCache = RoomTokens.builder().policy(allowAllPolicy()).apiKey(key).roomUrl(ws).maximumSize(0).build();
        allowAll.issue(user, "team-blue");
        rules.issue(user, "team-blue");
        noCache.issue(user, "team-blue");
        noCache.issue(user, "team-blue");
        if (noCache.stats().mints() != 2) {
            throw new IllegalStateException("issueOnMiss would not mint on every call: " + noCache.stats());
        }
        local = ParticipantTokenIssuer.local(key);
        now = Instant.now();
        scope = ApiScope.userDefault(); // a policy hands out a prebuilt scope; building one is not what we measure

        map = new ConcurrentHashMap<>();
        map.put(new MapKey(user.provider(), user.id(), "team-blue", scope), "token");
        String jwt = ParticipantToken.forRoom("alice@example.com", "team-blue", ParticipantRole.USER, ApiScope.userDefault(),
                now, now.plusSeconds(3600)).toJwt(key);
        signingInput = jwt.substring(0, jwt.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    }

    @Benchmark
    public Object cacheHit() {
        return allowAll.issue(user, "team-blue");
    }

    @Benchmark
    public Object endpointPolicyPlusCacheHit() {
        return rules.issue(user, "team-blue");
    }

    @Benchmark
    public Object coldLocalMint() {
        return local.mint(ParticipantToken.forRoom("alice@example.com", "team-blue", ParticipantRole.USER,
                scope, now, now.plusSeconds(3600)));
    }

    @Benchmark
    public Object issueOnMiss() {
        return noCache.issue(user, "team-blue");
    }

    @Benchmark
    public Object baselineConcurrentHashMapGet() {
        return map.get(new MapKey(user.provider(), user.id(), "team-blue", scope));
    }

    @Benchmark
    public byte[] baselineHmacSha256() {
        return mac.doFinal(signingInput);
    }
}
