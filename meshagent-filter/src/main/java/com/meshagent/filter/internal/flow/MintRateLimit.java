package com.meshagent.filter.internal.flow;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.meshagent.filter.MeshAgentUser;
import com.meshagent.filter.internal.Tickers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * At most {@code limit} room-token requests per user per fixed window (TH-13): a signed-in script cannot turn
 * the filter into a token mint. Node-local and safe to lose, like the other caches. A limit of 0 means no limit
 * ({@code meshagent.room-token-rate-limit=off}).
 */
final class MintRateLimit {

    private record Window(Instant start, int count) {}

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Cache<String, Window> windows;

    MintRateLimit(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
        this.windows = limit == 0 ? null : Caffeine.newBuilder()
                .ticker(Tickers.of(clock))
                .expireAfterWrite(window)
                .maximumSize(100_000)
                .build();
    }

    /** Counts one request of {@code user}; false when they are over the limit in the current window. */
    boolean tryAcquire(MeshAgentUser user) {
        if (windows == null) {
            return true; // no limit: not even the user's key is built
        }
        Instant now = clock.instant();
        Window w = windows.asMap().compute(user.provider() + " " + user.id(), (k, old) -> old == null
                || !now.isBefore(old.start().plus(window)) ? new Window(now, 1) : new Window(old.start(), old.count() + 1));
        return w.count() <= limit;
    }
}
