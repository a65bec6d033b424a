package com.meshagent.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.devserver.DevServer;
import com.meshagent.filter.admin.MeshAgentApi;
import com.meshagent.filter.admin.OAuthClientSpec;
import com.meshagent.testsupport.PostgresServer;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two sample nodes (each its own Jetty server and port) sharing sessions in a real PostgreSQL server and
 * signing in through one devserver, as the README's "Running two nodes" section runs them by hand. Both
 * nodes are on {@code localhost}, so the browser sends the one session cookie to either, as it would behind
 * a load balancer.
 */
class TwoNodesInPostgresTest {
    private static PostgresServer pg;
    private static DevServer meshagent;
    private static String jdbcUrl;
    private static String output;
    private static SampleApp.Running node1;
    private static SampleApp.Running node2;

    @BeforeAll
    static void start() throws Exception {
        pg = PostgresServer.start(Path.of("target"));
        jdbcUrl = pg.createDatabase("sample_sessions");
        meshagent = DevServer.builder().port(0).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        node1 = SampleApp.start(env(true), print);
        node2 = SampleApp.start(env(true), print);
        output = out.toString(StandardCharsets.UTF_8);
        register(node1, node2);
    }

    /** The variables of the README's two-node section: the devserver's lines, plus the session store. */
    private static Map<String, String> env(boolean shared) {
        DevServer.Bootstrap boot = meshagent.bootstrap();
        Map<String, String> env = new HashMap<>();
        for (String line : boot.envLines()) {
            env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
        }
        env.put("PORT", "0");
        if (shared) {
            env.put("SAMPLE_SESSION_JDBC_URL", jdbcUrl);
            env.put("SAMPLE_SESSION_JDBC_USER", pg.user());
            env.put("SAMPLE_SESSION_JDBC_PASSWORD", pg.password());
        }
        return env;
    }

    /** What the standalone devserver's --redirect-uri flags do: both nodes' callbacks on the one client. */
    private static void register(SampleApp.Running a, SampleApp.Running b) {
        DevServer.Bootstrap boot = meshagent.bootstrap();
        MeshAgentApi.builder().apiUrl(URI.create(boot.apiUrl())).apiKey(boot.apiKey()).build()
                .updateOAuthClient(boot.projectId(), boot.clientId(), new OAuthClientSpec(null, null,
                        List.of(a.uri() + "/meshagent/callback", b.uri() + "/meshagent/callback"), null, null, null));
    }

    @AfterAll
    static void stop() {
        for (SampleApp.Running node : new SampleApp.Running[] {node1, node2}) {
            if (node != null) {
                node.stop();
            }
        }
        if (meshagent != null) {
            meshagent.stop();
        }
        if (pg != null) {
            pg.close();
        }
    }

    private static Map<String, Object> session(WebClient browser, SampleApp.Running node) throws Exception {
        Page page = browser.getPage(node.uri() + "/meshagent/session");
        assertEquals(200, page.getWebResponse().getStatusCode());
        return JSONObjectUtils.parse(page.getWebResponse().getContentAsString());
    }

    private static Page post(WebClient browser, SampleApp.Running node, String path) throws Exception {
        WebRequest request = new WebRequest(new URL(node.uri() + path), HttpMethod.POST);
        request.setAdditionalHeader("Origin", node.uri().toString());
        request.setAdditionalHeader("Accept", "application/json");
        return browser.getPage(request);
    }

    @Test
    void aSignInOnOneNodeWorksOnTheOtherAndASignOutThereEndsItOnTheFirst() throws Exception {
        assertTrue(output.contains("sessions are shared in PostgreSQL at " + jdbcUrl), output);
        assertNotEquals(node1.uri().getPort(), node2.uri().getPort());
        try (WebClient browser = Browsers.htmlUnit()) {
            HtmlPage home = Browsers.signIn(browser, node1.uri(), "two-nodes@example.com", "Two Nodes");
            assertEquals(node1.uri() + "/", home.getUrl().toString());
            assertEquals(Boolean.TRUE, session(browser, node1).get("signed_in"));
            assertTrue(storedSessions() >= 1, "the session is stored in PostgreSQL");

            Map<String, Object> onNode2 = session(browser, node2);
            assertEquals(Boolean.TRUE, onNode2.get("signed_in"), "the same cookie is signed in on node 2: " + onNode2);
            assertEquals("two-nodes@example.com", ((Map<?, ?>) onNode2.get("user")).get("email"));
            Page token = post(browser, node2, "/meshagent/rooms/lobby/token");
            assertEquals(200, token.getWebResponse().getStatusCode(), token.getWebResponse().getContentAsString());
            assertTrue(token.getWebResponse().getContentAsString().contains("\"room_name\":\"lobby\""));

            Page signedOut = post(browser, node2, "/meshagent/logout");
            assertTrue(signedOut.getWebResponse().getStatusCode() < 400, "sign-out on node 2");
            assertEquals(Boolean.FALSE, session(browser, node1).get("signed_in"),
                    "node 1 sees the sign-out on the next request");
            Page refused = post(browser, node1, "/meshagent/rooms/lobby/token");
            assertEquals(401, refused.getWebResponse().getStatusCode(), "no room token on node 1 after the sign-out");
            assertFalse(refused.getWebResponse().getContentAsString().contains("\"token\""));
        }
    }

    @Test
    void withoutTheJdbcUrlEachNodeKeepsItsOwnSessionsInMemory() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SampleApp.Running a = SampleApp.start(env(false), new PrintStream(out, true, StandardCharsets.UTF_8));
                SampleApp.Running b = SampleApp.start(env(false), new PrintStream(out, true, StandardCharsets.UTF_8));
                WebClient browser = Browsers.htmlUnit()) {
            register(a, b);
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("sessions are kept in memory on this node"));
            Browsers.signIn(browser, a.uri(), "one-node@example.com", "One Node");
            assertEquals(Boolean.TRUE, session(browser, a).get("signed_in"));
            assertEquals(Boolean.FALSE, session(browser, b).get("signed_in"), "in-memory sessions are per node");
        } finally {
            register(node1, node2);
        }
    }

    @Test
    void aJdbcUrlThatIsNotPostgresqlIsRefusedAtStart() {
        Map<String, String> env = env(true);
        env.put("SAMPLE_SESSION_JDBC_URL", "jdbc:mysql://127.0.0.1/sessions");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SampleApp.start(env, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("SAMPLE_SESSION_JDBC_URL"), e.getMessage());
    }

    private static int storedSessions() throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, pg.user(), pg.password());
                Statement s = c.createStatement(); ResultSet r = s.executeQuery("select count(*) from jettysessions")) {
            r.next();
            return r.getInt(1);
        }
    }
}
