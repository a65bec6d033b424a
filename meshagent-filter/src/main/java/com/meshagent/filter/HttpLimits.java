package com.meshagent.filter;

import com.meshagent.filter.internal.Checks;
import java.time.Duration;

/**
 * The bounds on every outbound HTTP call the library makes: sign-in, refresh, userinfo, discovery, JWKS,
 * revocation, {@link com.meshagent.filter.admin.MeshAgentApi} and the REST participant-token issuer.
 *
 * @param connectTimeout   how long to wait for the TCP/TLS connection
 * @param totalTimeout     how long the whole exchange may take, from sending to the last byte of the body
 *                         (a server that sends its body slowly hits this too)
 * @param maxResponseBytes the largest response body accepted; a larger one fails the call without being kept
 */
public record HttpLimits(Duration connectTimeout, Duration totalTimeout, int maxResponseBytes) {

    /** Smallest allowed {@link #maxResponseBytes}: 1 KiB. */
    public static final int MIN_RESPONSE_BYTES = 1024;
    /** Largest allowed {@link #maxResponseBytes}: 16 MiB. */
    public static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

    /** 5 s to connect, 10 s in total, 256 KiB of body. */
    public static final HttpLimits DEFAULT = new HttpLimits(Duration.ofSeconds(5), Duration.ofSeconds(10), 256 * 1024);

    /**
     * Checks that both timeouts are positive and the body cap is within its bounds.
     *
     * @param connectTimeout   how long to wait for the TCP/TLS connection
     * @param totalTimeout     how long the whole exchange may take, from sending to the last byte of the body
     *                         (a server that sends its body slowly hits this too)
     * @param maxResponseBytes the largest response body accepted; a larger one fails the call without being kept
     */
    public HttpLimits {
        Checks.positive(connectTimeout, "connectTimeout");
        Checks.positive(totalTimeout, "totalTimeout");
        Checks.checked(maxResponseBytes, maxResponseBytes >= MIN_RESPONSE_BYTES && maxResponseBytes <= MAX_RESPONSE_BYTES,
                "maxResponseBytes must be between " + MIN_RESPONSE_BYTES + " and " + MAX_RESPONSE_BYTES);
    }
}
