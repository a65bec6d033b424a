package com.meshagent.filter.internal.http;

import com.meshagent.filter.internal.metrics.Metrics;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.filter.HttpLimits;
import com.meshagent.filter.MeshAgentConfig;
import com.meshagent.filter.admin.MeshAgentApi;
import com.meshagent.filter.internal.oauth.BoundedResourceRetriever;
import com.meshagent.filter.internal.oauth.ProviderClient;
import com.meshagent.filter.internal.oauth.ProviderException;
import com.meshagent.filter.room.ApiScope;
import com.meshagent.filter.room.ParticipantRole;
import com.meshagent.filter.room.ParticipantToken;
import com.meshagent.filter.room.ParticipantTokenIssuer;
import com.meshagent.filter.testing.HostileHttpServer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every family of outbound call the library makes, against a server that sends too much, never answers,
 * trickles its body, or cannot be connected to: each call fails on its own within the limits, and the
 * failure names the limit but never echoes the body.
 */
class OutboundLimitsTest {

    private static final HttpLimits LIMITS = new HttpLimits(Duration.ofMillis(300), Duration.ofMillis(700), 4096);
    /** Generous: a limit was hit if the call returned in this time (the hostile server holds out for 30 s). */
    private static final Duration BOUND = Duration.ofSeconds(4);

    private static final String API_KEY = "ma-Ej5FZ.ibEtOkVkJmFBdAAA-Dx4tPEtaaXiQq83vEjRWeA-s3cr3t-with-dashes";

    private static HostileHttpServer hostile;

    @BeforeAll
    static void start() throws Exception {
        hostile = new HostileHttpServer();
    }

    @AfterAll
    static void stop() throws Exception {
        hostile.close();
    }

    /** One kind of outbound call: given the base URL to call, makes the call and returns its failure. */
    interface Caller {
        Throwable call(URI base);
    }

    enum Cap {
        BODY_TOO_LARGE("/big", "exceeds 4096 bytes"),
        SLOW_HEADERS("/slow-headers", "timed out after 700 ms"),
        TRICKLING_BODY("/trickle", "timed out after 700 ms"),
        CONNECT_TIMEOUT(null, "could not connect to 127.0.0.1 within 300 ms");

        final String path;
        final String message;

        Cap(String path, String message) {
            this.path = path;
            this.message = message;
        }
    }

    /** Sign-in, refresh, userinfo, profile, discovery and revocation: OIDC discovery is the first of them. */
    private static Throwable provider(URI base) {
        MeshAgentConfig config = MeshAgentConfig.builder().issuer(base.toString()).clientId("c")
                .redirectUri("https://app.example/meshagent/callback").connectTimeout(LIMITS.connectTimeout())
                .readTimeout(LIMITS.totalTimeout()).maxResponseBytes(LIMITS.maxResponseBytes()).build();
        return assertThrows(ProviderException.class, () -> new ProviderClient(ProviderClient.Settings.of(config), Metrics.NONE).start("/"));
    }

    /** Nimbus's JWK set fetching, through the retriever OIDC mode gives it. */
    private static Throwable jwks(URI base) {
        return assertThrows(java.io.IOException.class,
                () -> new BoundedResourceRetriever(new BoundedHttpClient(LIMITS)).retrieveResource(
                        base.resolve(base.getPath() + "/jwks.json").toURL()));
    }

    private static Throwable adminApi(URI base) {
        MeshAgentApi api = MeshAgentApi.builder().apiUrl(base).apiKey(API_KEY).limits(LIMITS).build();
        return assertThrows(RuntimeException.class, () -> api.callerRole("p"));
    }

    private static Throwable participantTokens(URI base) {
        Instant now = Instant.now();
        ParticipantTokenIssuer issuer = ParticipantTokenIssuer.rest(base, "p", API_KEY, LIMITS);
        return assertThrows(RuntimeException.class, () -> issuer.mint(ParticipantToken.forRoom("ada", "lobby",
                ParticipantRole.USER, ApiScope.userDefault(), now, now.plusSeconds(60))));
    }

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> all = Stream.builder();
        for (Cap cap : Cap.values()) {
            all.add(Arguments.of("provider", (Caller) OutboundLimitsTest::provider, cap));
            all.add(Arguments.of("jwks", (Caller) OutboundLimitsTest::jwks, cap));
            all.add(Arguments.of("admin API", (Caller) OutboundLimitsTest::adminApi, cap));
            all.add(Arguments.of("participant tokens", (Caller) OutboundLimitsTest::participantTokens, cap));
        }
        return all.build();
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("cases")
    void everyOutboundCallIsBounded(String family, Caller caller, Cap cap) throws Exception {
        URI base = cap.path == null ? hostile.unreachable() : URI.create(hostile.base() + cap.path);
        long started = System.nanoTime();
        Throwable failure = caller.call(base);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(BOUND) < 0, family + " took " + took);
        String messages = messages(failure);
        assertTrue(messages.contains(cap.message), family + ": " + messages);
        assertFalse(messages.contains(HostileHttpServer.BODY_MARKER), family + " echoed the body: " + messages);
    }

    private static String messages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (; t != null; t = t.getCause()) {
            sb.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(" | ");
        }
        return sb.toString();
    }
}
