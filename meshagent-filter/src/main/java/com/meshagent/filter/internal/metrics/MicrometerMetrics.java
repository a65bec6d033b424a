package com.meshagent.filter.internal.metrics;

import com.meshagent.filter.room.RoomTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@link Metrics} on a Micrometer {@link MeterRegistry}: the only class of the filter that names Micrometer.
 * Meters are registered on first use and then kept, so a hot path does one map look-up and one increment.
 */
final class MicrometerMetrics implements Metrics {

    private static final String ROOM_TOKENS_DESCRIPTION = "Room-token requests answered, by result";

    private final MeterRegistry registry;
    private final Map<String, Counter> signIns = new ConcurrentHashMap<>();
    private final Map<String, Counter> refreshes = new ConcurrentHashMap<>();
    private final Map<String, Counter> roomTokens = new ConcurrentHashMap<>();
    private final Map<String, Timer> providerRequests = new ConcurrentHashMap<>();

    private MicrometerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Takes {@code Object} so that callers' method descriptors name no Micrometer type. */
    static Metrics create(Object registry) {
        return new MicrometerMetrics((MeterRegistry) registry);
    }

    @Override
    public void signIn(String outcome) {
        count(signIns, "meshagent.sign.ins", "Sign-in callbacks handled, by outcome", "outcome", outcome);
    }

    @Override
    public void refresh(String outcome) {
        count(refreshes, "meshagent.refreshes", "Access-token refreshes as requests saw them, by outcome", "outcome",
                outcome);
    }

    @Override
    public void roomToken(String result) {
        count(roomTokens, "meshagent.room.tokens", ROOM_TOKENS_DESCRIPTION, "result", result);
    }

    private void count(Map<String, Counter> counters, String name, String description, String tag, String value) {
        counters.computeIfAbsent(value, v -> Counter.builder(name).description(description).tag(tag, v)
                .register(registry)).increment();
    }

    @Override
    public void providerRequest(String endpoint, int status, long nanos) {
        String outcome = Metrics.providerOutcome(status);
        providerRequests.computeIfAbsent(endpoint + ' ' + outcome, k -> Timer.builder("meshagent.provider.requests")
                .description("Calls to the OAuth/OIDC provider, by endpoint and outcome")
                .tag("endpoint", endpoint).tag("outcome", outcome).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void watch(RoomTokens tokens) {
        FunctionCounter.builder("meshagent.room.tokens", tokens, t -> t.stats().hits())
                .description(ROOM_TOKENS_DESCRIPTION)
                .tag("result", ROOM_CACHED).register(registry);
        FunctionCounter.builder("meshagent.room.tokens", tokens, t -> t.stats().mints())
                .description(ROOM_TOKENS_DESCRIPTION)
                .tag("result", ROOM_MINTED).register(registry);
    }
}
