package com.meshagent.filter.internal;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/** Caffeine's time source, read from the filter's {@link Clock}: a test that moves the clock moves cache expiry too. */
public final class Tickers {
    private Tickers() {}

    /**
     * A ticker of {@code clock}'s milliseconds, in nanoseconds (it allocates nothing per read).
     *
     * @param clock the configured clock
     * @return the ticker
     */
    public static Ticker of(Clock clock) {
        return () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
    }
}
