package com.meshagent.filter.it;

import static com.meshagent.filter.testing.SharedSessionNode.bind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.devserver.DevServer;
import com.meshagent.filter.MeshAgentConfig;
import com.meshagent.filter.cluster.PostgresProviderLogouts;
import com.meshagent.filter.testing.Browser;
import com.meshagent.filter.testing.DevServerSignIn;
import com.meshagent.filter.testing.JettyApp;
import com.meshagent.filter.testing.SharedSessionNode;
import com.meshagent.filter.testing.TestPostgres;
import com.meshagent.testsupport.MutableClock;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The devserver, as an OpenID provider with a back-channel logout URI pointing at node A, ends a user's
 * sign-ins ({@code POST /dev/end-sessions}); the logout token reaches node A only, and the user's session is
 * signed out on both nodes at its next request: node A at once, node B within its poll interval of the shared
 * {@link PostgresProviderLogouts} table. A single node needs no database at all.
 */
class BackChannelLogoutClusterTest {

    private final MutableClock clock = MutableClock.atSystemTime();
    private DevServer dev;
    private AutoCloseable[] nodes = new AutoCloseable[0];

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : nodes) {
            c.close();
        }
        if (dev != null) {
            dev.close();
        }
    }

    private DevServer.Bootstrap provider(URI base) throws Exception {
        dev = DevServer.builder().port(0).clock(clock).redirectUris(base + "/meshagent/callback")
                .backchannelLogoutUri(base + "/meshagent/backchannel-logout").start();
        return dev.bootstrap();
    }

    private MeshAgentConfig.Builder config(DevServer.Bootstrap boot, URI base) {
        return MeshAgentConfig.builder()
                .issuer(boot.apiUrl())
                .clientId(boot.clientId())
                .clientSecret(boot.clientSecret())
                .redirectUri(base + "/meshagent/callback")
                .protectedPaths("/app/*")
                .readTimeout(Duration.ofSeconds(30))
                .clock(clock);
    }

    private Browser signIn(URI node, String email) throws Exception {
        Browser b = new Browser();
        HttpResponse<String> r = DevServerSignIn.signIn(b, node.resolve("/meshagent/login?return_to=/app/whoami"), email);
        assertEquals(303, r.statusCode(), r.body());
        return b;
    }

    /** The devserver ends every sign-in of {@code email} and sends logout tokens; the answer lists the deliveries. */
    private String endSessions(DevServer.Bootstrap boot, String email) throws Exception {
        HttpResponse<String> r = new Browser().client().send(HttpRequest.newBuilder(
                        URI.create(boot.apiUrl() + "/dev/end-sessions"))
                .header("Authorization", "Bearer " + boot.apiKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private static void assertSignedIn(Browser b, URI node, boolean expected) throws Exception {
        HttpResponse<String> r = b.get(node.resolve("/app/whoami"), "Accept", "application/json");
        assertEquals(expected ? 200 : 401, r.statusCode(), node + ": " + r.body());
        assertTrue(b.get(node.resolve("/meshagent/session")).body().contains("\"signed_in\":" + expected));
    }

    @Test
    void aProviderLogoutSignsTheUserOutOnBothNodes() throws Exception {
        PGSimpleDataSource db = TestPostgres.newDatabase("bcl");
        Server serverA = new Server();
        ServerConnector connectorA = bind(serverA);
        URI baseA = URI.create("http://127.0.0.1:" + connectorA.getLocalPort());
        DevServer.Bootstrap boot = provider(baseA);
        Duration poll = Duration.ofSeconds(1);
        // each node has its own registry object: what B learns, it learns through the database
        SharedSessionNode nodeA = SharedSessionNode.start(serverA, connectorA, "nodeA", a -> a.setDatasource(db),
                config(boot, baseA).providerLogouts(new PostgresProviderLogouts(db, poll, clock)).build());
        Server serverB = new Server();
        SharedSessionNode nodeB = SharedSessionNode.start(serverB, bind(serverB), "nodeB", a -> a.setDatasource(db),
                config(boot, baseA).providerLogouts(new PostgresProviderLogouts(db, poll, clock)).build());
        nodes = new AutoCloseable[] {nodeA, nodeB};

        Browser ada = signIn(nodeA.base(), "ada@example.com");
        Browser bob = signIn(nodeA.base(), "bob@example.com");
        assertSignedIn(ada, nodeB.base(), true);
        assertSignedIn(ada, nodeA.base(), true);

        String deliveries = endSessions(boot, "ada@example.com");
        assertTrue(deliveries.contains("\"status\":200"), "node A accepted the logout token: " + deliveries);
        clock.advance(poll);

        assertSignedIn(ada, nodeB.base(), false);
        assertSignedIn(ada, nodeA.base(), false);
        assertSignedIn(bob, nodeB.base(), true);
        assertSignedIn(bob, nodeA.base(), true);
    }

    @Test
    void aSingleNodeNeedsNoDatabase() throws Exception {
        URI[] base = new URI[1];
        JettyApp app = JettyApp.start(b -> {
            base[0] = b;
            try {
                return config(provider(b), b).build();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        nodes = new AutoCloseable[] {app};
        Browser ada = signIn(app.base(), "ada@example.com");
        assertSignedIn(ada, app.base(), true);

        assertTrue(endSessions(dev.bootstrap(), "ada@example.com").contains("\"status\":200"));

        assertSignedIn(ada, app.base(), false);
    }
}
