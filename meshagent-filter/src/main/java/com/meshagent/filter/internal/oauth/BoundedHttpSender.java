package com.meshagent.filter.internal.oauth;

import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.http.HTTPRequestSender;
import com.nimbusds.oauth2.sdk.http.ReadOnlyHTTPRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends Nimbus requests with a connect timeout, a total timeout covering headers and body (so a server that
 * drips its body slowly cannot hold a servlet thread) and a cap on the body size. Never follows redirects.
 * Exception messages name the host only, never the URL's query or any header.
 */
public final class BoundedHttpSender implements HTTPRequestSender {

    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final HttpClient client;
    private final Duration totalTimeout;
    private final int maxBytes;

    public BoundedHttpSender(Duration connectTimeout, Duration totalTimeout, int maxBytes) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.totalTimeout = totalTimeout;
        this.maxBytes = maxBytes;
    }

    @Override
    public HTTPResponse send(ReadOnlyHTTPRequest request) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(request.getURI()).timeout(totalTimeout);
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
        String host = request.getURI().getHost();
        HttpResponse<byte[]> response;
        CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(b.build(), info -> new CappedBody(maxBytes));
        try {
            response = pending.get(totalTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new IOException("timed out after " + totalTimeout.toMillis() + " ms waiting for " + host);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + host);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof BodyTooLarge) {
                throw new IOException("response from " + host + " exceeds " + maxBytes + " bytes");
            }
            throw new IOException("call to " + host + " failed: " + c.getClass().getSimpleName());
        }
        HTTPResponse out = new HTTPResponse(response.statusCode());
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                out.setHeader(name, values.toArray(new String[0]));
            }
        });
        out.setBody(new String(response.body(), StandardCharsets.UTF_8));
        return out;
    }

    static final class BodyTooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        BodyTooLarge() {
            super("body too large");
        }
    }

    /** Collects the body, cancelling the exchange as soon as it grows past the cap. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int max;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        CappedBody(int max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            this.subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer item : items) {
                if (buffer.size() + item.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(new BodyTooLarge());
                    return;
                }
                byte[] bytes = new byte[item.remaining()];
                item.get(bytes);
                buffer.write(bytes, 0, bytes.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(buffer.toByteArray());
        }
    }
}
