package com.meshagent.filter.internal.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.filter.HttpLimits;
import com.meshagent.filter.internal.http.BoundedHttpClient;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** FT-02 and FT-03 at the wire: a server that drips its body, or sends too much, cannot hold the caller. */
class BoundedHttpSenderTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;
    private URI base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/drip", ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                out.write('{');
                out.flush();
                // hold the body open until the test is over: the client must give up on its own
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException clientGone) {
                // expected once the client gives up
            }
        });
        server.createContext("/big", ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 64; i++) {
                    out.write(new byte[1024]);
                }
            } catch (IOException clientGone) {
                // the client cancels once over the cap
            }
        });
        server.createContext("/ok", ex -> {
            byte[] body = "{\"a\":1}".getBytes();
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private final BoundedHttpSender sender = new BoundedHttpSender(
            new BoundedHttpClient(new HttpLimits(Duration.ofSeconds(1), Duration.ofMillis(500), 4096)));

    @Test
    void bodyThatNeverFinishesHitsTheTotalTimeout() {
        IOException e = assertThrows(IOException.class,
                () -> sender.send(new HTTPRequest(HTTPRequest.Method.GET, base.resolve("/drip"))));
        assertEquals("timed out after 500 ms waiting for 127.0.0.1", e.getMessage());
    }

    @Test
    void bodyOverTheCapIsRefused() {
        IOException e = assertThrows(IOException.class,
                () -> sender.send(new HTTPRequest(HTTPRequest.Method.GET, base.resolve("/big"))));
        assertTrue(e.getMessage().contains("exceeds 4096 bytes"), e.getMessage());
    }

    @Test
    void refusedConnectionNamesTheHostOnly() {
        server.stop(0);
        IOException e = assertThrows(IOException.class, () -> sender.send(
                new HTTPRequest(HTTPRequest.Method.GET, base.resolve("/ok?access_token=secret-value"))));
        assertTrue(e.getMessage().startsWith("call to 127.0.0.1 failed"), e.getMessage());
        assertTrue(!e.getMessage().contains("secret-value"));
    }

    @Test
    void normalAnswerKeepsStatusContentTypeAndBody() throws Exception {
        var r = sender.send(new HTTPRequest(HTTPRequest.Method.GET, base.resolve("/ok")));
        assertEquals(200, r.getStatusCode());
        assertEquals(1L, r.getBodyAsJSONObject().get("a"));
    }
}
