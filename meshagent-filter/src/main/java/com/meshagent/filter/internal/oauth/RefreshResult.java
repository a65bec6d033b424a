package com.meshagent.filter.internal.oauth;

import com.meshagent.filter.internal.session.TokenSet;

/** How one refresh-token grant ended. */
public sealed interface RefreshResult {

    /** New tokens (a rotated refresh token replaced the old one; none returned kept it). */
    record Refreshed(TokenSet tokens) implements RefreshResult {}

    /** The provider refused the refresh token or the client ({@code invalid_grant}/{@code invalid_client}): sign-in is over. */
    record Rejected(String error) implements RefreshResult {}

    /** Timeout, connection failure, 5xx or an unreadable answer: keep the session and try again later. */
    record Unavailable(String logDetail) implements RefreshResult {}
}
