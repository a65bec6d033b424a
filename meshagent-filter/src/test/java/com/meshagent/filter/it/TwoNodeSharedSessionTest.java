package com.meshagent.filter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.devserver.DevServer;
import com.meshagent.filter.testing.Browser;
import com.meshagent.filter.testing.DevServerSignIn;
import com.meshagent.filter.testing.SharedSessionNode;
import com.meshagent.testsupport.MutableClock;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;
import org.eclipse.jetty.session.DatabaseAdaptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two Jetty 12 nodes, each with its own {@link MeshAgentFilter} (same configuration), sharing one session
 * store (docs/design.md §5, §9): a session made on node A is read on node B, a refresh done on A is used by B,
 * and a sign-out on B ends the session on A.
 *
 * <p>The store is Jetty's own JDBC session store on one in-memory H2 database, behind a
 * null session cache on each node ({@link SharedSessionNode}), so every request loads the session from the store and writes it
 * back (flushed before the response is committed): nothing survives in a node's memory between requests,
 * and the session records must round-trip through Java serialization. Jetty's {@code FileSessionDataStore}
 * cannot be used for this: it keeps a node-local index of its files, built at start, so a node never sees
 * sessions another node created after it started. The nodes have different worker names
 * ({@code nodeA}, {@code nodeB}); Jetty accepts a session id carrying another node's suffix.
 *
 * <p>Two nodes refreshing the same session at the same moment are {@code ClusterRefreshTest}'s subject (on a
 * real PostgreSQL, with the {@code PostgresRefreshCoordinator}).
 */
class TwoNodeSharedSessionTest {

    private final MutableClock clock = MutableClock.atSystemTime();
    private final String jdbcUrl = "jdbc:h2:mem:two-node-sessions-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private DevServer dev;
    private SharedSessionNode nodeA;
    private SharedSessionNode nodeB;

    @BeforeEach
    void start() throws Exception {
        Consumer<DatabaseAdaptor> h2 = db -> db.setDriverInfo("org.h2.Driver", jdbcUrl);
        SharedSessionNode.Two nodes = SharedSessionNode.startTwo(h2, callback -> {
            dev = DevServer.builder().port(0).clock(clock).redirectUris(callback).start();
            dev.knobs().accessTokenLifetime(Duration.ofMinutes(10));
            return dev.bootstrap();
        }, b -> b.readTimeout(Duration.ofSeconds(2)).clock(clock));
        nodeA = nodes.a();
        nodeB = nodes.b();
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (nodeB != null) {
                nodeB.close();
            }
            if (nodeA != null) {
                nodeA.close();
            }
            if (dev != null) {
                dev.close();
            }
        } finally {
            try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
        }
    }

    private Browser signedInThroughNodeA(String email) throws Exception {
        Browser b = new Browser();
        HttpResponse<String> r = DevServerSignIn.signIn(b, nodeA.uri("/meshagent/login?return_to=/app/whoami"), email);
        assertEquals(303, r.statusCode(), r.body());
        assertEquals("/app/whoami", r.headers().firstValue("Location").orElseThrow());
        return b;
    }

    /** The tokens the session holds, as the node sees them: {@code "<access> <refresh>"}. */
    private static String tokensSeenBy(SharedSessionNode node, Browser b) throws Exception {
        String tokens = b.get(node.uri("/test-only-tokens")).body();
        assertEquals(2, tokens.split(" ").length, "both tokens in the session: " + tokens.length() + " chars");
        return tokens;
    }

    @Test
    void sessionCreatedOnNodeAIsSignedInOnNodeBWithoutExposingTokens() throws Exception {
        Browser b = signedInThroughNodeA("ada@example.com");
        String onA = b.get(nodeA.uri("/app/whoami")).body();
        assertTrue(onA.startsWith("hello ") && onA.contains("<ada@example.com>"), onA);
        assertFalse(onA.contains("anonymous"), onA);

        HttpResponse<String> onB = b.get(nodeB.uri("/app/whoami"), "Accept", "application/json");
        assertEquals(200, onB.statusCode(), onB.body());
        assertEquals(onA, onB.body(), "node B sees the same remote user and email as node A");
        assertEquals(401, new Browser().get(nodeB.uri("/app/whoami"), "Accept", "application/json").statusCode(),
                "control: without the session cookie node B is signed out");

        String[] tokens = tokensSeenBy(nodeB, b).split(" ");
        HttpResponse<String> session = b.get(nodeB.uri("/meshagent/session"));
        assertEquals(200, session.statusCode());
        assertTrue(session.body().contains("\"signed_in\":true"), session.body());
        assertTrue(session.body().contains("ada@example.com"), session.body());
        assertFalse(session.body().contains(tokens[0]), "no access token in /meshagent/session");
        assertFalse(session.body().contains(tokens[1]), "no refresh token in /meshagent/session");
        assertFalse(session.body().toLowerCase().contains("token"), session.body());
    }

    @Test
    void refreshOnNodeAIsUsedByNodeBWithoutASecondRefresh() throws Exception {
        dev.knobs().refreshRotation(true);
        Browser b = signedInThroughNodeA("ada@example.com");
        String before = tokensSeenBy(nodeA, b);
        assertEquals(before, tokensSeenBy(nodeB, b), "both nodes read the same stored tokens");
        int refreshesBefore = dev.knobs().tokenRequests("refresh_token");

        clock.advance(Duration.ofMinutes(11));
        HttpResponse<String> onA = b.get(nodeA.uri("/app/token-length"), "Accept", "application/json");
        assertEquals(200, onA.statusCode(), onA.body());
        assertTrue(Integer.parseInt(onA.body()) > 0, onA.body());
        assertEquals(1, dev.knobs().tokenRequests("refresh_token") - refreshesBefore, "node A refreshed once");
        String refreshed = tokensSeenBy(nodeA, b);
        String[] oldTokens = before.split(" ");
        String[] newTokens = refreshed.split(" ");
        assertNotEquals(oldTokens[0], newTokens[0], "new access token");
        assertNotEquals(oldTokens[1], newTokens[1], "rotated refresh token");

        HttpResponse<String> onB = b.get(nodeB.uri("/app/whoami"), "Accept", "application/json");
        assertEquals(200, onB.statusCode(), onB.body());
        assertTrue(onB.body().contains("<ada@example.com>"), onB.body());
        assertEquals(refreshed, tokensSeenBy(nodeB, b), "node B reads the refreshed tokens from the store");
        assertTrue(b.get(nodeB.uri("/meshagent/session")).body().contains("\"signed_in\":true"));
        assertEquals(1, dev.knobs().tokenRequests("refresh_token") - refreshesBefore,
                "node B did not refresh again (with rotation a second redemption of the old token would fail)");
    }

    @Test
    void signOutOnNodeBEndsTheSessionOnNodeA() throws Exception {
        Browser b = signedInThroughNodeA("ada@example.com");
        assertTrue(b.get(nodeA.uri("/meshagent/session")).body().contains("\"signed_in\":true"));
        assertTrue(b.get(nodeB.uri("/meshagent/session")).body().contains("\"signed_in\":true"));

        HttpResponse<String> out = b.post(nodeB.uri("/meshagent/logout"), "Origin", nodeB.base().toString());
        assertEquals(303, out.statusCode(), out.body());

        HttpResponse<String> onA = b.get(nodeA.uri("/meshagent/session"));
        assertTrue(onA.body().contains("\"signed_in\":false"), onA.body());
        assertEquals(401, b.get(nodeA.uri("/app/whoami"), "Accept", "application/json").statusCode());
        assertTrue(b.get(nodeB.uri("/meshagent/session")).body().contains("\"signed_in\":false"));
    }
}
