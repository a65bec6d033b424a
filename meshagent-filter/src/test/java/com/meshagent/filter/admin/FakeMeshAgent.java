package com.meshagent.filter.admin;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted HTTP server on 127.0.0.1:0 (JDK httpserver) for the client's edge cases: records every request,
 * answers with the queued responses in order (404 when none is queued). Shared with the CLI module's tests
 * through this module's test-jar.
 */
public final class FakeMeshAgent implements AutoCloseable {

    /** The API key of docs/meshagent-protocol.md §3's composed example, and its project. */
    public static final String KEY = MeshAgentApiTest.KEY;
    public static final String PROJECT = MeshAgentApiTest.PROJECT;

    /** One recorded request. */
    public record Request(String method, String path, String query, String authorization, String body) {}

    private record Response(int status, String body) {}

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Response> responses = new ArrayDeque<>();

    public FakeMeshAgent() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Authorization"), body));
            Response r;
            synchronized (responses) {
                r = responses.isEmpty() ? new Response(404, "{\"error\":\"nothing queued\"}") : responses.poll();
            }
            byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(r.status(), r.status() == 204 ? -1 : bytes.length);
            if (r.status() != 204) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(bytes);
                }
            }
            exchange.close();
        });
        server.start();
    }

    public FakeMeshAgent answer(int status, String body) {
        synchronized (responses) {
            responses.add(new Response(status, body));
        }
        return this;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Request> requests() {
        return requests;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
