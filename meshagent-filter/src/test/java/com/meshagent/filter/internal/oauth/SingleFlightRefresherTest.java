package com.meshagent.filter.internal.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.meshagent.filter.internal.metrics.Metrics;
import com.meshagent.filter.internal.session.TokenSet;
import com.meshagent.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** LD-01, LD-03, TH-04: one refresh per refresh token, shared by everyone who holds it. */
class SingleFlightRefresherTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final TokenSet old = new TokenSet("a1", "r1", clock.instant(), "s");

    @Test
    void concurrentCallersWithTheSameRefreshTokenShareOneRefresh() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        SingleFlightRefresher r = new SingleFlightRefresher(t -> {
            calls.incrementAndGet();
            await(release);
            return new RefreshResult.Refreshed(t.refreshedWith("a2", "r2", clock.instant().plusSeconds(3600), null));
        }, Duration.ofSeconds(30), clock, Metrics.NONE);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<RefreshResult>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                results.add(pool.submit(() -> r.refresh(old)));
            }
            // wait until the one refreshing thread has started, then let it finish
            for (int i = 0; i < 1000 && calls.get() == 0; i++) {
                Thread.onSpinWait();
                Thread.yield();
            }
            release.countDown();
            for (Future<RefreshResult> f : results) {
                RefreshResult.Refreshed done = assertInstanceOf(RefreshResult.Refreshed.class, f.get(30, TimeUnit.SECONDS));
                assertEquals("r2", done.tokens().refreshToken());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, calls.get());
        assertEquals(0, r.inFlight());
    }

    @Test
    void lateCallerHoldingTheOldTokenGetsTheRotatedResultUntilItExpires() {
        AtomicInteger calls = new AtomicInteger();
        SingleFlightRefresher r = new SingleFlightRefresher(t -> new RefreshResult.Refreshed(
                t.refreshedWith("a" + calls.incrementAndGet(), "r-new", clock.instant().plusSeconds(60), null)),
                Duration.ofSeconds(1), clock, Metrics.NONE);
        RefreshResult first = r.refresh(old);
        clock.advance(Duration.ofSeconds(20));
        assertSame(first, r.refresh(old), "stale copy of the session gets the same rotated tokens");
        assertEquals(1, calls.get());
        clock.advance(SingleFlightRefresher.RESULT_LIFETIME);
        r.refresh(old);
        assertEquals(2, calls.get());
    }

    @Test
    void invalidGrantIsSharedAndNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        SingleFlightRefresher r = new SingleFlightRefresher(t -> {
            calls.incrementAndGet();
            return new RefreshResult.Rejected("invalid_grant");
        }, Duration.ofSeconds(1), clock, Metrics.NONE);
        for (int i = 0; i < 5; i++) {
            assertInstanceOf(RefreshResult.Rejected.class, r.refresh(old));
        }
        assertEquals(1, calls.get(), "no retry storm (LD-03)");
    }

    @Test
    void transientFailureIsServedDuringTheBackOffThenTheGrantIsTriedAgain() {
        AtomicInteger calls = new AtomicInteger();
        SingleFlightRefresher r = new SingleFlightRefresher(t -> {
            calls.incrementAndGet();
            return new RefreshResult.Unavailable("503");
        }, Duration.ofSeconds(1), clock, Metrics.NONE);
        assertInstanceOf(RefreshResult.Unavailable.class, r.refresh(old));
        assertInstanceOf(RefreshResult.Unavailable.class, r.refresh(old));
        assertEquals(1, calls.get(), "within the back-off the provider is not asked again");
        clock.advance(SingleFlightRefresher.FAILURE_BACKOFF.minusMillis(1));
        r.refresh(old);
        assertEquals(1, calls.get());
        clock.advance(Duration.ofMillis(1));
        r.refresh(old);
        assertEquals(2, calls.get(), "after the back-off the grant is tried again");
    }

    @Test
    void refresherThatThrowsIsReportedAsUnavailable() {
        SingleFlightRefresher r = new SingleFlightRefresher(t -> {
            throw new IllegalStateException("boom");
        }, Duration.ofSeconds(1), clock, Metrics.NONE);
        assertInstanceOf(RefreshResult.Unavailable.class, r.refresh(old));
        assertEquals(0, r.inFlight());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
