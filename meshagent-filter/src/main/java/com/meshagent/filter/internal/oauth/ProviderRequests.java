package com.meshagent.filter.internal.oauth;

import com.meshagent.filter.internal.metrics.Metrics;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import java.io.IOException;

/**
 * Every request to the provider, whichever mode asks: sent through the bounded sender (its timeouts and size cap,
 * set from the config once; Nimbus's per-request ones are not used) and timed in
 * {@code meshagent.provider.requests} under {@code endpoint}.
 */
final class ProviderRequests {

    private final BoundedHttpSender sender;
    private final Metrics metrics;

    ProviderRequests(BoundedHttpSender sender, Metrics metrics) {
        this.sender = sender;
        this.metrics = metrics;
    }

    HTTPResponse send(String endpoint, HTTPRequest request) throws IOException {
        long start = System.nanoTime();
        int status = -1;
        try {
            HTTPResponse response = sender.send(request);
            status = response.getStatusCode();
            return response;
        } finally {
            metrics.providerRequest(endpoint, status, System.nanoTime() - start);
        }
    }
}
