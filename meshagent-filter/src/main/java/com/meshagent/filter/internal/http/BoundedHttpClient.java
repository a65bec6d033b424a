package com.meshagent.filter.internal.http;

import com.meshagent.filter.HttpLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every outbound HTTP call of the library: a connect timeout, one total timeout covering headers and body (so
 * a server that drips its body cannot hold a servlet thread), and a cap on the body, which is dropped as
 * soon as it grows past it. Never follows redirects. Failures are {@link IOException}s whose message names
 * the host only: never the path, the query, a header or any of the body. Thread-safe.
 */
public final class BoundedHttpClient {

    /** A complete, bounded response. */
    public record Response(int status, HttpHeaders headers, byte[] body) {
        /** The body as UTF-8 text. */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpLimits limits;
    private final HttpClient client;

    public BoundedHttpClient(HttpLimits limits) {
        this.limits = java.util.Objects.requireNonNull(limits, "limits");
        this.client = HttpClient.newBuilder()
                .connectTimeout(limits.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Sends {@code request} (its own timeout is replaced by the total timeout) and reads the whole body. */
    public Response send(HttpRequest.Builder request) throws IOException {
        HttpRequest built = request.timeout(limits.totalTimeout()).build();
        String host = host(built.uri());
        long totalMillis = limits.totalTimeout().toMillis();
        CompletableFuture<HttpResponse<byte[]>> pending =
                client.sendAsync(built, info -> new CappedBody(limits.maxResponseBytes()));
        try {
            HttpResponse<byte[]> response = pending.get(totalMillis, TimeUnit.MILLISECONDS);
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new IOException("timed out after " + totalMillis + " ms waiting for " + host);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + host);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof BodyTooLarge) {
                throw new IOException("response from " + host + " exceeds " + limits.maxResponseBytes() + " bytes");
            }
            if (c instanceof HttpConnectTimeoutException) {
                throw new IOException("could not connect to " + host + " within "
                        + limits.connectTimeout().toMillis() + " ms");
            }
            if (c instanceof java.net.http.HttpTimeoutException) {
                throw new IOException("timed out after " + totalMillis + " ms waiting for " + host);
            }
            throw new IOException("call to " + host + " failed: " + c.getClass().getSimpleName());
        }
    }

    private static String host(URI uri) {
        return uri.getHost() == null ? "<no host>" : uri.getHost();
    }

    private static final class BodyTooLarge extends IOException {
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
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                if (buffer.size() + item.remaining() > max) {
                    subscription.cancel();
                    buffer.reset();
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
