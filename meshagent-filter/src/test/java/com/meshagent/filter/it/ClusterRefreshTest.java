package com.meshagent.filter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.devserver.DevServer;
import com.meshagent.filter.cluster.PostgresRefreshCoordinator;
import com.meshagent.filter.cluster.RefreshCoordinator;
import com.meshagent.filter.testing.Browser;
import com.meshagent.filter.testing.DevServerSignIn;
import com.meshagent.filter.testing.SharedSessionNode;
import com.meshagent.filter.testing.TestPostgres;
import com.meshagent.testsupport.MutableClock;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Two Jetty nodes sharing sessions in a real PostgreSQL, the devserver rotating refresh tokens with reuse
 * detection (a second redemption of a refresh token revokes the sign-in), and 50 concurrent requests of one
 * session on each node at the moment its access token needs a refresh: with the
 * {@link PostgresRefreshCoordinator} exactly one {@code refresh_token} grant is made, every request succeeds and
 * the sign-in survives. (With {@link RefreshCoordinator#inJvm()} each node redeems the token; the second
 * redemption revokes the sign-in.)
 */
class ClusterRefreshTest {

    private static final int REQUESTS_PER_NODE = 50;

    private final MutableClock clock = MutableClock.atSystemTime();
    private DevServer dev;
    private SharedSessionNode nodeA;
    private SharedSessionNode nodeB;
    private PGSimpleDataSource database;

    @BeforeEach
    void createDatabase() {
        database = TestPostgres.newDatabase("refresh");
    }

    private void startNodes(RefreshCoordinator coordinator) throws Exception {
        SharedSessionNode.Two nodes = SharedSessionNode.startTwo(db -> db.setDatasource(database), callback -> {
            dev = DevServer.builder().port(0).clock(clock).redirectUris(callback).start();
            dev.knobs().accessTokenLifetime(Duration.ofMinutes(10)).refreshRotation(true);
            return dev.bootstrap();
        }, b -> b.clock(clock).refreshCoordinator(coordinator));
        nodeA = nodes.a();
        nodeB = nodes.b();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {nodeB, nodeA, dev}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void fiftyConcurrentRequestsOnEachOfTwoNodesMakeOneRefreshAndAllSucceed() throws Exception {
        startNodes(new PostgresRefreshCoordinator(database));
        Browser b = new Browser();
        HttpResponse<String> signIn = DevServerSignIn.signIn(b, nodeA.uri("/meshagent/login?return_to=/app/whoami"),
                "ada@example.com");
        assertEquals(303, signIn.statusCode(), signIn.body());
        int refreshesBefore = dev.knobs().tokenRequests("refresh_token");

        // the access token is due for a refresh; the token endpoint answers slowly, so every request of both
        // nodes has loaded the session (holding the old refresh token) before the first refresh finishes
        clock.advance(Duration.ofMinutes(11));
        dev.knobs().tokenEndpointDelay(Duration.ofMillis(300));
        Map<Integer, Integer> statuses = burst(b);
        dev.knobs().tokenEndpointDelay(Duration.ZERO);

        assertEquals(Map.of(200, 2 * REQUESTS_PER_NODE), statuses, "every request succeeded");
        assertEquals(1, dev.knobs().tokenRequests("refresh_token") - refreshesBefore,
                "one refresh_token grant for both nodes");
        for (SharedSessionNode node : List.of(nodeA, nodeB)) {
            HttpResponse<String> after = b.get(node.uri("/app/whoami"), "Accept", "application/json");
            assertEquals(200, after.statusCode(), "still signed in on " + node.base() + ": " + after.body());
            assertTrue(b.get(node.uri("/meshagent/session")).body().contains("\"signed_in\":true"));
        }
        assertEquals(1, dev.knobs().tokenRequests("refresh_token") - refreshesBefore, "no refresh afterwards");
        assertStoredOutcomeIsNotReadable(b);
    }

    /** {@code REQUESTS_PER_NODE} requests on each node, released together; the count of each status. */
    private Map<Integer, Integer> burst(Browser b) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2 * REQUESTS_PER_NODE);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 2 * REQUESTS_PER_NODE; i++) {
                SharedSessionNode node = i % 2 == 0 ? nodeA : nodeB;
                answers.add(pool.submit(() -> {
                    go.await();
                    return b.get(node.uri("/app/token-length"), "Accept", "application/json").statusCode();
                }));
            }
            go.countDown();
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (Future<Integer> f : answers) {
                statuses.merge(f.get(60, TimeUnit.SECONDS), 1, Integer::sum);
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The shared record of the refresh holds neither the old nor the new tokens in readable form. */
    private void assertStoredOutcomeIsNotReadable(Browser b) throws Exception {
        String[] tokens = b.get(nodeA.uri("/test-only-tokens")).body().split(" ");
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT outcome FROM " + PostgresRefreshCoordinator.TABLE)) {
            assertTrue(rs.next(), "the outcome is stored for the other node");
            String stored = new String(rs.getBytes(1), StandardCharsets.ISO_8859_1);
            for (String t : tokens) {
                assertTrue(!stored.contains(t), "no token in clear in the shared table");
            }
        }
    }
}
