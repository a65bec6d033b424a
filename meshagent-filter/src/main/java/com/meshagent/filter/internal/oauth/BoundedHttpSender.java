package com.meshagent.filter.internal.oauth;

import com.meshagent.filter.internal.http.BoundedHttpClient;
import com.nimbusds.oauth2.sdk.http.HTTPRequestSender;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.http.ReadOnlyHTTPRequest;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Sends Nimbus requests (token, refresh, userinfo, profile, discovery, revocation) through the library's one
 * {@link BoundedHttpClient}, so they share its timeouts and body cap.
 */
public final class BoundedHttpSender implements HTTPRequestSender {

    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final BoundedHttpClient client;

    public BoundedHttpSender(BoundedHttpClient client) {
        this.client = java.util.Objects.requireNonNull(client, "client");
    }

    @Override
    public HTTPResponse send(ReadOnlyHTTPRequest request) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(request.getURI());
        for (Map.Entry<String, List<String>> h : request.getHeaderMap().entrySet()) {
            if (RESTRICTED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (String v : h.getValue()) {
                b.header(h.getKey(), v);
            }
        }
        String body = request.getBody();
        b.method(request.getMethod().name(), body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        BoundedHttpClient.Response response = client.send(b);
        HTTPResponse out = new HTTPResponse(response.status());
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                out.setHeader(name, values.toArray(new String[0]));
            }
        });
        out.setBody(response.text());
        return out;
    }
}
