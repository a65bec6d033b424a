package com.meshagent.devserver.oauth;

import static com.meshagent.devserver.protocol.Arguments.checked;
import static com.meshagent.devserver.protocol.Arguments.notNegative;
import static com.meshagent.devserver.protocol.Arguments.positive;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The test knobs of {@code DevServer.knobs()}; every setting applies to the next request. */
public final class TokenKnobs implements Knobs {
    public static final Duration DEFAULT_ACCESS_TOKEN_LIFETIME =
            com.meshagent.devserver.protocol.InferredBehaviour.ACCESS_TOKEN_LIFETIME;

    /** The lifetime {@link #reset()} returns to: the server's configured one. */
    private final Duration configuredAccessTokenLifetime;
    private volatile Duration accessTokenLifetime;
    private volatile boolean refreshRotation = true;
    private volatile Duration tokenEndpointDelay = Duration.ZERO;
    private volatile int tokenEndpointFailure;
    private volatile boolean forceInvalidGrant;
    private volatile String authorizeError;
    private final Map<String, AtomicInteger> counters = new ConcurrentHashMap<>();
    private final java.util.concurrent.CountDownLatch shutdown = new java.util.concurrent.CountDownLatch(1);

    public TokenKnobs() {
        this(DEFAULT_ACCESS_TOKEN_LIFETIME);
    }

    public TokenKnobs(Duration accessTokenLifetime) {
        this.configuredAccessTokenLifetime = Objects.requireNonNull(accessTokenLifetime, "accessTokenLifetime");
        this.accessTokenLifetime = accessTokenLifetime;
    }

    @Override
    public TokenKnobs accessTokenLifetime(Duration lifetime) {
        this.accessTokenLifetime = positive(lifetime, "accessTokenLifetime");
        return this;
    }

    @Override
    public TokenKnobs tokenEndpointDelay(Duration delay) {
        this.tokenEndpointDelay = notNegative(delay, "tokenEndpointDelay");
        return this;
    }

    @Override
    public TokenKnobs refreshRotation(boolean rotate) {
        this.refreshRotation = rotate;
        return this;
    }

    @Override
    public TokenKnobs forceInvalidGrant(boolean force) {
        this.forceInvalidGrant = force;
        return this;
    }

    @Override
    public TokenKnobs tokenEndpointFailure(int httpStatus) {
        this.tokenEndpointFailure = checked(httpStatus, httpStatus == 0 || httpStatus >= 400 && httpStatus <= 599,
                "tokenEndpointFailure must be 0 or a 4xx/5xx status");
        return this;
    }

    @Override
    public TokenKnobs authorizeError(String errorCode) {
        this.authorizeError = checked(errorCode, errorCode == null || errorCode.matches("[a-z_]{1,64}"),
                "authorizeError must be an RFC 6749 error code");
        return this;
    }

    @Override
    public int tokenRequests(String grantType) {
        AtomicInteger c = counters.get(grantType);
        return c == null ? 0 : c.get();
    }

    @Override
    public void reset() {
        accessTokenLifetime = configuredAccessTokenLifetime;
        refreshRotation = true;
        tokenEndpointDelay = Duration.ZERO;
        tokenEndpointFailure = 0;
        forceInvalidGrant = false;
        authorizeError = null;
        counters.clear();
    }

    void countTokenRequest(String grantType) {
        counters.computeIfAbsent(grantType, k -> new AtomicInteger()).incrementAndGet();
    }

    Duration accessTokenLifetime() {
        return accessTokenLifetime;
    }

    boolean refreshRotation() {
        return refreshRotation;
    }

    /** Waits out the configured token-endpoint delay, or less if the server is stopping. */
    void awaitDelay() throws InterruptedException {
        Duration delay = tokenEndpointDelay;
        if (!delay.isZero()) {
            shutdown.await(delay.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    /** Ends every pending delay at once (the server is stopping). */
    public void releaseDelays() {
        shutdown.countDown();
    }

    int tokenEndpointFailure() {
        return tokenEndpointFailure;
    }

    boolean forceInvalidGrant() {
        return forceInvalidGrant;
    }

    String authorizeError() {
        return authorizeError;
    }
}
