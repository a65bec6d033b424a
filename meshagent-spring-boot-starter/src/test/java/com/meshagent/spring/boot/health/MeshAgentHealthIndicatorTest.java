package com.meshagent.spring.boot.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.meshagent.filter.MeshAgentConfig;
import com.meshagent.testsupport.MutableClock;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** The health probe against a scripted provider: cached for its TTL, DOWN on 5xx or silence, no secret shown. */
class MeshAgentHealthIndicatorTest {

    private final AtomicInteger probes = new AtomicInteger();
    private volatile int status = 200;
    private HttpServer provider;

    private MeshAgentConfig startProvider(boolean oidc) throws Exception {
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/", exchange -> {
            probes.incrementAndGet();
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        provider.start();
        String base = "http://127.0.0.1:" + provider.getAddress().getPort();
        MeshAgentConfig.Builder b = MeshAgentConfig.builder().clientId("c").clientSecret("very-secret-value")
                .apiKey("ma-Ej5FZ.ibEtOkVkJmFBdAAA-Dx4tPEtaaXiQq83vEjRWeA-s3cr3t-with-dashes")
                .redirectUri("https://app.example/meshagent/callback").readTimeout(Duration.ofSeconds(2));
        return (oidc ? b.issuer(base) : b.apiUrl(base)).build();
    }

    @AfterEach
    void stop() {
        provider.stop(0);
    }

    @Test
    void oneProbeServesEveryCheckForTheCacheTtl() throws Exception {
        MutableClock clock = MutableClock.startingNow();
        MeshAgentHealthIndicator health = new MeshAgentHealthIndicator(startProvider(false), Duration.ofSeconds(30), clock);
        for (int i = 0; i < 20; i++) {
            assertEquals(Status.UP, health.health().getStatus());
        }
        assertEquals(1, probes.get(), "twenty checks, one call to the provider");
        clock.advance(Duration.ofSeconds(29));
        status = 503;
        assertEquals(Status.UP, health.health().getStatus(), "still the cached answer");
        assertEquals(1, probes.get());
        clock.advance(Duration.ofSeconds(1));
        Health down = health.health();
        assertEquals(Status.DOWN, down.getStatus());
        assertEquals(503, down.getDetails().get("status"));
        assertEquals(2, probes.get());
    }

    @Test
    void oidcModeNeedsTheDiscoveryDocumentAndShowsNoSecret() throws Exception {
        MeshAgentHealthIndicator health = new MeshAgentHealthIndicator(startProvider(true), Duration.ZERO,
                MutableClock.startingNow());
        status = 404;
        Health notFound = health.health();
        assertEquals(Status.DOWN, notFound.getStatus(), "an issuer without discovery cannot sign anyone in");
        status = 200;
        assertEquals(Status.UP, health.health().getStatus());
        provider.stop(0);
        Health silent = health.health();
        assertEquals(Status.DOWN, silent.getStatus());
        String shown = silent.toString() + notFound;
        assertFalse(shown.contains("very-secret-value") || shown.contains("s3cr3t"), shown);
    }
}
