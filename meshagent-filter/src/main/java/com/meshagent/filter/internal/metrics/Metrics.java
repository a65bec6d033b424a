package com.meshagent.filter.internal.metrics;

import com.meshagent.filter.room.RoomTokens;
import java.util.Optional;

/**
 * What the filter counts and times. Every tag value is one of the constants below (bounded cardinality): no
 * user id, email, room name or URL ever becomes a tag. {@link #NONE} does nothing; {@link #of} gives the
 * Micrometer-backed implementation when the configuration has a meter registry.
 *
 * <p>Meters (see README "Metrics"): {@code meshagent.sign.ins} (tag {@code outcome}), {@code meshagent.refreshes}
 * (tag {@code outcome}), {@code meshagent.room.tokens} (tag {@code result}) and the timer
 * {@code meshagent.provider.requests} (tags {@code endpoint}, {@code outcome}).
 */
public interface Metrics {

    // meshagent.sign.ins outcome
    String SIGN_IN_SUCCESS = "success";
    /** The provider answered the callback with an error (e.g. the user pressed Deny). */
    String SIGN_IN_DENIED = "denied";
    /** The callback itself was not acceptable (no or unknown state, repeated parameters, wrong iss, no code). */
    String SIGN_IN_REJECTED = "rejected";
    /** The pending sign-in was too old. */
    String SIGN_IN_EXPIRED = "expired";
    /** The code exchange or the identity checks failed. */
    String SIGN_IN_FAILED = "failed";
    /** The provider could not be reached or answered 5xx. */
    String SIGN_IN_UNAVAILABLE = "provider_unavailable";

    // meshagent.refreshes outcome
    String REFRESH_REFRESHED = "refreshed";
    /** Got the result of another request's refresh of the same grant (under way, or just finished). */
    String REFRESH_JOINED = "joined";
    /** The provider refused the refresh token or the client: the sign-in ended. */
    String REFRESH_INVALID_GRANT = "invalid_grant";
    /** Timeout, connection failure, 5xx or an unreadable answer: the session was kept. */
    String REFRESH_TRANSIENT_FAILURE = "transient_failure";

    // meshagent.room.tokens result ("cached" and "minted" come from RoomTokens.stats(), see watch)
    String ROOM_CACHED = "cached";
    String ROOM_MINTED = "minted";
    String ROOM_DENIED = "denied";
    String ROOM_RATE_LIMITED = "rate_limited";
    String ROOM_INVALID_NAME = "invalid_room_name";
    String ROOM_FAILED = "failed";

    // meshagent.provider.requests endpoint
    String ENDPOINT_DISCOVERY = "discovery";
    String ENDPOINT_TOKEN = "token";
    String ENDPOINT_PROFILE = "profile";
    String ENDPOINT_USERINFO = "userinfo";
    String ENDPOINT_REVOCATION = "revocation";

    /** Counts one finished callback. */
    void signIn(String outcome);

    /** Counts one refresh as one request saw it. */
    void refresh(String outcome);

    /** Counts one room-token answer other than a token (cached and minted tokens are counted by {@link #watch}). */
    void roomToken(String result);

    /** Times one outbound call; {@code status} is the HTTP status, or -1 when no answer came. */
    void providerRequest(String endpoint, int status, long nanos);

    /** Publishes the cache hits and mints of {@code tokens} as {@code meshagent.room.tokens} cached/minted. */
    void watch(RoomTokens tokens);

    /** The {@code outcome} tag of a provider call with this HTTP status (-1: no answer). */
    static String providerOutcome(int status) {
        if (status < 0) {
            return "io_error";
        }
        return status >= 500 ? "server_error" : status >= 400 ? "client_error" : "success";
    }

    /** Does nothing. */
    Metrics NONE = new Metrics() {
        @Override public void signIn(String outcome) {}
        @Override public void refresh(String outcome) {}
        @Override public void roomToken(String result) {}
        @Override public void providerRequest(String endpoint, int status, long nanos) {}
        @Override public void watch(RoomTokens tokens) {}
    };

    /**
     * Micrometer metrics on {@code meterRegistry} (a Micrometer {@code MeterRegistry}) when present, else
     * {@link #NONE}. Micrometer classes are loaded only in the first case, so without a registry (and without
     * Micrometer) nothing here fails.
     */
    static Metrics of(Optional<Object> meterRegistry) {
        Object registry = meterRegistry.orElse(null);
        return registry == null ? NONE : MicrometerMetrics.create(registry);
    }
}
