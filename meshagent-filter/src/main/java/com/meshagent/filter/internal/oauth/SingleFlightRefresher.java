package com.meshagent.filter.internal.oauth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.meshagent.filter.internal.Tickers;
import com.meshagent.filter.internal.metrics.Metrics;
import com.meshagent.filter.internal.session.TokenSet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Makes sure one refresh token is redeemed once, however many requests hold it (docs/design.md §6).
 *
 * <p>Requests are grouped by a SHA-256 of the refresh token they hold, not by session id: the session id
 * changes at sign-in and replicas may hold an older copy, but the old refresh token names the grant exactly.
 * The first request refreshes; the others wait (bounded) for its result. The result is then kept for
 * {@link #RESULT_LIFETIME} so a request still holding the old token (a stale session copy, or one that
 * arrives just after) gets the rotated tokens, or the same {@code invalid_grant}, instead of redeeming the
 * old token again.
 *
 * <p>A transient failure ({@link RefreshResult.Unavailable}) is remembered for {@link #FAILURE_BACKOFF}: while the
 * provider is down, requests of that grant get the failure at once instead of each waiting for the connect and
 * read timeouts and adding load to a provider that is already failing.
 */
public final class SingleFlightRefresher {

    /** How long a finished refresh is served to late requests holding the old refresh token. */
    public static final Duration RESULT_LIFETIME = Duration.ofSeconds(30);

    /** How long a transient refresh failure is served before the grant is tried again. */
    public static final Duration FAILURE_BACKOFF = Duration.ofSeconds(5);

    private final Function<TokenSet, RefreshResult> refresh;
    private final Duration maxWait;
    private final ConcurrentHashMap<String, CompletableFuture<RefreshResult>> inFlight = new ConcurrentHashMap<>();
    private final Cache<String, RefreshResult> recent;
    private final Cache<String, RefreshResult> recentFailures;
    private final Metrics metrics;

    /**
     * @param refresh does one refresh-token grant; never throws
     * @param maxWait how long a waiting request waits for the one refreshing before giving up (transiently)
     * @param clock drives the result cache's expiry
     * @param metrics counts each request's outcome in {@code meshagent.refreshes}
     */
    public SingleFlightRefresher(Function<TokenSet, RefreshResult> refresh, Duration maxWait, Clock clock,
            Metrics metrics) {
        this.refresh = refresh;
        this.metrics = metrics;
        this.maxWait = maxWait;
        Ticker ticker = Tickers.of(clock);
        this.recent = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfterWrite(RESULT_LIFETIME)
                .maximumSize(10_000)
                .build();
        this.recentFailures = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfterWrite(FAILURE_BACKOFF)
                .maximumSize(10_000)
                .build();
    }

    /** Refreshes {@code current} (it must have a refresh token), or joins the refresh already under way. */
    public RefreshResult refresh(TokenSet current) {
        String key = fingerprint(current.refreshToken());
        RefreshResult done = recent.getIfPresent(key);
        if (done == null) {
            done = recentFailures.getIfPresent(key);
        }
        if (done != null) {
            metrics.refresh(Metrics.REFRESH_JOINED);
            return done;
        }
        CompletableFuture<RefreshResult> mine = new CompletableFuture<>();
        CompletableFuture<RefreshResult> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            metrics.refresh(Metrics.REFRESH_JOINED);
            return await(running);
        }
        try {
            // re-check: a refresh may have finished between the cache look-up and taking the slot
            RefreshResult result = recent.getIfPresent(key);
            if (result == null) {
                result = refresh.apply(current);
                (result instanceof RefreshResult.Unavailable ? recentFailures : recent).put(key, result);
                metrics.refresh(outcome(result));
            } else {
                metrics.refresh(Metrics.REFRESH_JOINED);
            }
            mine.complete(result);
            return result;
        } catch (RuntimeException e) {
            RefreshResult failed = new RefreshResult.Unavailable("refresh failed: " + e.getClass().getSimpleName());
            recentFailures.put(key, failed);
            metrics.refresh(Metrics.REFRESH_TRANSIENT_FAILURE);
            mine.complete(failed);
            return failed;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private static String outcome(RefreshResult result) {
        return result instanceof RefreshResult.Refreshed ? Metrics.REFRESH_REFRESHED
                : result instanceof RefreshResult.Rejected ? Metrics.REFRESH_INVALID_GRANT
                : Metrics.REFRESH_TRANSIENT_FAILURE;
    }

    /** How many refreshes are under way right now (tests check that none is left behind). */
    public int inFlight() {
        return inFlight.size();
    }

    private RefreshResult await(CompletableFuture<RefreshResult> running) {
        try {
            return running.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new RefreshResult.Unavailable("waited " + maxWait.toMillis() + " ms for a refresh under way");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RefreshResult.Unavailable("interrupted while waiting for a refresh");
        } catch (ExecutionException e) {
            return new RefreshResult.Unavailable("refresh failed");
        }
    }

    /** SHA-256 of a refresh token, hex; the token itself is never kept as a key. */
    static String fingerprint(String refreshToken) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(refreshToken.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }
}
