package com.meshagent.filter.internal.flow;

import java.util.Locale;

/**
 * The stable {@code reason} codes of the filter's problem documents: scripts may switch on them, so they never
 * change meaning. The README's "Problem reasons" table lists the same codes (ReasonTest keeps the two equal).
 */
public enum Reason {
    /** 400: the request named its session in the URL; sessions travel in the cookie only. */
    SESSION_ID_IN_URL,
    /** 400: the room name is not a valid MeshAgent room name. */
    INVALID_ROOM_NAME,
    /** 401: the resource needs a signed-in user; the document carries a {@code login_url}. */
    NOT_SIGNED_IN,
    /** 403: a state-changing request that did not come from the application's own pages. */
    CROSS_ORIGIN,
    /** 403: the room access policy said no; the detail is the policy's reason. */
    ROOM_ACCESS_DENIED,
    /** 404: no such endpoint under {@code /meshagent/}. */
    NOT_FOUND,
    /** 405: the endpoint exists but not for this method. */
    METHOD_NOT_ALLOWED,
    /** 429: too many room-token requests by one user in a minute. */
    RATE_LIMITED,
    /** 500: the room access policy threw. */
    POLICY_FAILED,
    /** 500: a participant token could not be issued. */
    MINT_FAILED,
    /** 500: the filter failed unexpectedly (e.g. the session store); nothing was changed. */
    INTERNAL_ERROR,
    /** 503: the provider could not be reached (or answered badly) to sign in or to renew the access. */
    PROVIDER_UNAVAILABLE,
    /** 503: the provider's discovery document is unusable (issuer mismatch, no usable keys or algorithm). */
    PROVIDER_METADATA_INVALID,
    /** 503: room tokens need an API key and a room access policy, and one is missing. */
    ROOMS_NOT_CONFIGURED;

    private final String code = name().toLowerCase(Locale.ROOT);

    /** The code as sent in the {@code reason} member, e.g. {@code not_signed_in}. */
    public String code() {
        return code;
    }

    /** The reason with this code; codes from other layers (e.g. {@code RoomTokens.Failed}) are mapped with it. */
    public static Reason of(String code) {
        for (Reason r : values()) {
            if (r.code.equals(code)) {
                return r;
            }
        }
        throw new IllegalArgumentException("not a problem reason: " + code);
    }
}
