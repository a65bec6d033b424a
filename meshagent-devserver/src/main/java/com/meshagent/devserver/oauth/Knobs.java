package com.meshagent.devserver.oauth;

import java.time.Duration;

/** The devserver's test knobs ({@code DevServer.knobs()}); every change applies to the next request. */
public interface Knobs {
    Knobs accessTokenLifetime(Duration lifetime);
    /** Delay every token-endpoint response by {@code delay} (ZERO = none). */
    Knobs tokenEndpointDelay(Duration delay);
    Knobs refreshRotation(boolean rotate);
    /** Answer refresh_token grants with {@code invalid_grant}. */
    Knobs forceInvalidGrant(boolean force);
    /** Answer every token-endpoint request with this HTTP status (0 = behave normally). */
    Knobs tokenEndpointFailure(int httpStatus);
    /** Make /oauth/authorize redirect straight back with {@code error=<code>} (null = off). */
    Knobs authorizeError(String errorCode);
    /** How many requests the token endpoint answered, by grant type ("authorization_code", "refresh_token"). */
    int tokenRequests(String grantType);
    /** Reset every knob and counter. */
    void reset();
}
