package com.meshagent.benchmarks;

import com.meshagent.filter.MeshAgentConfig;
import com.meshagent.filter.MeshAgentUser;
import com.meshagent.filter.internal.flow.Exchange;
import com.meshagent.filter.internal.flow.Outcome;
import com.meshagent.filter.internal.flow.SessionView;
import com.meshagent.filter.internal.flow.SignInEngine;
import com.meshagent.filter.internal.session.SignedInSession;
import com.meshagent.filter.internal.session.TokenSet;
import com.meshagent.filter.room.RoomTokens;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * What Micrometer metrics cost on the room-token endpoint's cache-hit path (docs/benchmarks.md): the whole
 * engine path of {@code POST /meshagent/rooms/team-blue/token} for a signed-in user (same-origin check, session,
 * rate limit, policy, cached token, JSON outcome), with {@code registry=none} (no meter registry) and
 * {@code registry=simple} (a Micrometer {@link SimpleMeterRegistry}). Report the ratio simple / none.
 *
 * <p>The engine's clock jumps 61 s forward every 200 readings (a request reads it a few times), so the per-user
 * rate limit (60 a minute) starts a new window before it could refuse and the benchmark stays on the token path;
 * the {@link RoomTokens} clock is fixed, so the cached token never expires.
 */
public class MetricsOverheadBenchmark extends BenchmarkFixture {
    private static final String APP = "https://app.example";

    @Param({"none", "simple"})
    public String registry;

    private SignInEngine engine;
    private Exchange request;

    /** A clock that jumps 61 s forward every 200 readings (single-threaded benchmark). */
    static final class Ticking extends Clock {
        private static final long START = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
        private final AtomicLong readings = new AtomicLong();

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }

        @Override public Clock withZone(ZoneId zone) { return this; }

        @Override public Instant instant() { return Instant.ofEpochSecond(START + readings.incrementAndGet() / 200 * 61); }
    }

    /** A signed-in session in a map. */
    static final class Session implements SessionView {
        private final Map<String, Object> attributes = new ConcurrentHashMap<>();

        @Override public <T> Optional<T> get(String key, Class<T> type) {
            Object v = attributes.get(key);
            return type.isInstance(v) ? Optional.of(type.cast(v)) : Optional.empty();
        }

        @Override public void put(String key, Object value) { attributes.put(key, value); }

        @Override public void remove(String key) { attributes.remove(key); }

        @Override public Optional<String> id() { return Optional.of("s1"); }

        @Override public void changeId() {}

        @Override public Object mutex() { return this; }

        @Override public void limitLifetime(Duration idle) {}

        @Override public void restoreLifetime() {}

        @Override public void invalidate() { attributes.clear(); }
    }

    /** {@code POST /meshagent/rooms/team-blue/token} with a same-origin {@code Origin}. */
    record TokenRequest(Session session) implements Exchange {
        @Override public String method() { return "POST"; }

        @Override public String path() { return "/meshagent/rooms/team-blue/token"; }

        @Override public String contextPath() { return ""; }

        @Override public String requestTarget() { return path(); }

        @Override public List<String> params(String name) { return List.of(); }

        @Override public Optional<String> header(String name) {
            return name.equalsIgnoreCase("Origin") ? Optional.of(APP) : Optional.empty();
        }

        @Override public String origin() { return APP; }
    }

    @Setup
    public void setUp() {
        Clock fixed = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        RoomTokens tokens = RoomTokens.builder().policy(allowAllPolicy())
                .apiKey(KEY).roomUrl(URI.create("wss://api.meshagent.com")).clock(fixed).build();
        MeshAgentConfig.Builder b = MeshAgentConfig.builder().clientId("c").redirectUri(APP + "/meshagent/callback")
                .roomTokens(tokens).clock(new Ticking());
        if (registry.equals("simple")) {
            b.meterRegistry(new SimpleMeterRegistry());
        }
        MeshAgentConfig config = b.build();
        engine = new SignInEngine(config, Optional.of(tokens));
        Session session = new Session();
        MeshAgentUser user = new MeshAgentUser("https://api.meshagent.com", "u-1", "alice@example.com", "Alice");
        session.put(SignedInSession.KEY, new SignedInSession(user,
                new TokenSet("at", "rt", Instant.parse("2999-01-01T00:00:00Z"), null), 0));
        request = new TokenRequest(session);
        for (int i = 0; i < 1_000; i++) { // well past the rate limit, had the clock not moved on
            Outcome answer = engine.handle(request);
            if (!(answer instanceof Outcome.Json j) || j.status() != 200) {
                throw new IllegalStateException("request " + i + " is not on the token path: " + answer);
            }
        }
    }

    @Benchmark
    public Outcome roomTokenCacheHit() {
        return engine.handle(request);
    }
}
