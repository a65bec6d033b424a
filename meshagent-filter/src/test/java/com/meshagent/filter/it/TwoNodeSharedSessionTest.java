package com.meshagent.filter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.devserver.DevServer;
import com.meshagent.filter.MeshAgentConfig;
import com.meshagent.filter.MeshAgentFilter;
import com.meshagent.filter.testing.Browser;
import com.meshagent.filter.testing.DevServerSignIn;
import com.meshagent.filter.testing.JettyApp;
import com.meshagent.filter.testing.MutableClock;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumSet;
import java.util.UUID;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.session.DatabaseAdaptor;
import org.eclipse.jetty.session.DefaultSessionIdManager;
import org.eclipse.jetty.session.JDBCSessionDataStore;
import org.eclipse.jetty.session.NullSessionCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two Jetty 12 nodes, each with its own {@link MeshAgentFilter} (same configuration), sharing one session
 * store (docs/design.md §5, §9): a session made on node A is read on node B, a refresh done on A is used by B,
 * and a sign-out on B ends the session on A.
 *
 * <p>The store is Jetty's own {@link JDBCSessionDataStore} on one in-memory H2 database, behind a
 * {@link NullSessionCache} on each node, so every request loads the session from the store and writes it
 * back (flushed before the response is committed): nothing survives in a node's memory between requests,
 * and the session records must round-trip through Java serialization. Jetty's {@code FileSessionDataStore}
 * cannot be used for this: it keeps a node-local index of its files, built at start, so a node never sees
 * sessions another node created after it started. The nodes have different worker names
 * ({@code nodeA}, {@code nodeB}); Jetty accepts a session id carrying another node's suffix.
 *
 * <p>Not tested here, on purpose: two nodes refreshing the same session at the same moment with rotating
 * refresh tokens. The single-flight refresh and its recent-result cache are node-local, so both nodes
 * redeem the same refresh token; the loser gets {@code invalid_grant} (reuse detection may revoke the whole
 * grant) and, holding the session copy it loaded at the start of its request, does not see the winner's
 * tokens (docs/security-cases.md LD-02). This is a known limitation: it needs sticky sessions or a distributed
 * lock.
 */
class TwoNodeSharedSessionTest {

    private final MutableClock clock = MutableClock.atSystemTime();
    private final String jdbcUrl = "jdbc:h2:mem:two-node-sessions-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private DevServer dev;
    private Node nodeA;
    private Node nodeB;

    @BeforeEach
    void start() throws Exception {
        Server serverA = new Server();
        ServerConnector connectorA = bind(serverA);
        URI baseA = URI.create("http://127.0.0.1:" + connectorA.getLocalPort());
        dev = DevServer.builder().port(0).clock(clock).redirectUris(baseA + "/meshagent/callback").start();
        dev.knobs().accessTokenLifetime(Duration.ofMinutes(10));
        DevServer.Bootstrap boot = dev.bootstrap();
        MeshAgentConfig config = MeshAgentConfig.builder()
                .apiUrl(boot.apiUrl())
                .clientId(boot.clientId())
                .clientSecret(boot.clientSecret())
                .redirectUri(baseA + "/meshagent/callback")
                .protectedPaths("/app/*")
                .readTimeout(Duration.ofSeconds(2))
                .clock(clock)
                .build();
        nodeA = Node.start(serverA, connectorA, "nodeA", jdbcUrl, config);
        Server serverB = new Server();
        nodeB = Node.start(serverB, bind(serverB), "nodeB", jdbcUrl, config);
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
    private static String tokensSeenBy(Node node, Browser b) throws Exception {
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

    private static ServerConnector bind(Server server) throws Exception {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        connector.open();
        return connector;
    }

    /** One node: Jetty 12 ee10, the filter in front of {@link JettyApp.WhoAmI}, sessions in the shared store. */
    private record Node(Server server, URI base) implements AutoCloseable {

        static Node start(Server server, ServerConnector connector, String workerName, String jdbcUrl,
                MeshAgentConfig config) throws Exception {
            DefaultSessionIdManager ids = new DefaultSessionIdManager(server);
            ids.setWorkerName(workerName);
            server.addBean(ids, true);

            ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
            context.setContextPath("/");
            SessionHandler sessions = context.getSessionHandler();
            NullSessionCache cache = new NullSessionCache(sessions);
            cache.setSaveOnCreate(true);
            cache.setFlushOnResponseCommit(true);
            DatabaseAdaptor db = new DatabaseAdaptor();
            db.setDriverInfo("org.h2.Driver", jdbcUrl);
            JDBCSessionDataStore store = new JDBCSessionDataStore();
            store.setDatabaseAdaptor(db);
            cache.setSessionDataStore(store);
            sessions.setSessionCache(cache);

            MeshAgentFilter.configureSessionCookies(context.getServletContext(), false);
            context.addFilter(new FilterHolder(new MeshAgentFilter(config)), "/*", EnumSet.of(DispatcherType.REQUEST));
            context.addServlet(new ServletHolder(new JettyApp.WhoAmI()), "/*");
            server.setHandler(context);
            server.start();
            return new Node(server, URI.create("http://127.0.0.1:" + connector.getLocalPort()));
        }

        URI uri(String path) {
            return base.resolve(path);
        }

        @Override
        public void close() throws Exception {
            server.stop();
        }
    }
}
