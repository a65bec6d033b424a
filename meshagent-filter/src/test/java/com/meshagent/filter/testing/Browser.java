package com.meshagent.filter.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A cookie-keeping HTTP client that never follows redirects, so a test can look at every hop of a sign-in
 * and replay or tamper with any of them. {@link #navigate} follows redirects by hand (bounded).
 */
public final class Browser {

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client = HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    public HttpResponse<String> get(URI uri, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET().timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(URI uri, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs an {@code application/x-www-form-urlencoded} body. */
    public HttpResponse<String> postForm(URI uri, String form, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(form))
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GETs {@code uri} and follows up to 10 redirects; returns the last response. */
    public HttpResponse<String> navigate(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> r = get(uri);
        for (int i = 0; i < 10 && isRedirect(r); i++) {
            r = get(location(r));
        }
        return r;
    }

    public static boolean isRedirect(HttpResponse<?> r) {
        return r.statusCode() >= 300 && r.statusCode() < 400;
    }

    /** The redirect target of {@code r}, resolved against its request URI. */
    public static URI location(HttpResponse<?> r) {
        return r.uri().resolve(r.headers().firstValue("Location").orElseThrow());
    }

    /** The value of the session cookie for {@code uri}'s host, if any. */
    public Optional<String> sessionId(URI uri) {
        return cookies.getCookieStore().get(uri).stream()
                .filter(c -> c.getName().equalsIgnoreCase("JSESSIONID"))
                .map(HttpCookie::getValue)
                .findFirst();
    }

    /**
     * Sends {@code count} GETs of {@code uri} from {@code count} threads at once, each carrying this browser's session
     * cookie and {@code headers}; waits up to 60 seconds for all of them and returns their responses.
     */
    public List<HttpResponse<String>> getAllAtOnce(int count, URI uri, String... headers) throws Exception {
        String cookie = "JSESSIONID=" + sessionId(uri).orElseThrow();
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Cookie", cookie);
        if (headers.length > 0) {
            b.headers(headers);
        }
        HttpRequest request = b.build();
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                calls.add(() -> client.send(request, HttpResponse.BodyHandlers.ofString()));
            }
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> f : pool.invokeAll(calls, 60, TimeUnit.SECONDS)) {
                responses.add(f.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    public HttpClient client() {
        return client;
    }
}
