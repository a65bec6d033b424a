package com.meshagent.filter.internal.oauth;

import com.meshagent.filter.internal.http.BoundedHttpClient;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpRequest;

/**
 * Nimbus's JWKS fetching through the library's one {@link BoundedHttpClient}: the same connect timeout,
 * total timeout and body cap as every other call (Nimbus's own retriever bounds each read, not the whole
 * body). A non-200 answer is an error.
 */
public final class BoundedResourceRetriever implements ResourceRetriever {

    private final BoundedHttpClient client;

    public BoundedResourceRetriever(BoundedHttpClient client) {
        this.client = client;
    }

    @Override
    public Resource retrieveResource(URL url) throws IOException {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(url.toURI()).GET().header("Accept", "application/json");
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("not a usable URL for a JWK set");
        }
        BoundedHttpClient.Response response = client.send(request);
        if (response.status() != 200) {
            throw new IOException("JWK set request to " + url.getHost() + " answered HTTP " + response.status());
        }
        return new Resource(response.text(), response.headers().firstValue("Content-Type").orElse(null));
    }
}
