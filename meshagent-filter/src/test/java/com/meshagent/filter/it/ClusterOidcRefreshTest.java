package com.meshagent.filter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.filter.MeshAgentConfig;
import com.meshagent.filter.cluster.PostgresRefreshCoordinator;
import com.meshagent.filter.testing.Browser;
import com.meshagent.filter.testing.ScriptedOidcProvider;
import com.meshagent.filter.testing.SharedSessionNode;
import com.meshagent.filter.testing.TestPostgres;
import com.meshagent.testsupport.MutableClock;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * OIDC mode on two Jetty nodes sharing sessions and the {@link PostgresRefreshCoordinator} in a real PostgreSQL,
 * against a provider that sends an ID token with every refresh: a node that takes the refresh outcome the other
 * node stored keeps what the sign-in's ID token said, so the next refreshed ID token (OIDC Core §12.2: same
 * {@code iss}, {@code sub}, {@code aud}) is still accepted and the user stays signed in.
 *
 * <p>Node B's request must hold the session as it was before node A's refresh, as a request that loaded it just
 * before node A wrote its refresh back does. Jetty writes a session back after the response too, so waiting for
 * node A's answer is not enough; instead node A refreshes through a copy of the session row (the same sign-in and
 * tokens, under another session id, in Jetty's session table), and its writes never reach the user's row.
 */
class ClusterOidcRefreshTest {

    private static final String SECRET = "a-client-secret-that-is-at-least-32-bytes-long";
    /** Past the access token's {@code expires_in} of 300 s. */
    private static final Duration PAST_EXPIRY = Duration.ofMinutes(6);

    private final MutableClock clock = MutableClock.atSystemTime();
    private final AtomicInteger refreshes = new AtomicInteger();
    private PGSimpleDataSource database;
    @AutoClose
    private ScriptedOidcProvider op;
    @AutoClose
    private SharedSessionNode nodeA;
    @AutoClose
    private SharedSessionNode nodeB;

    @BeforeEach
    void start() throws Exception {
        database = TestPostgres.newDatabase("oidc_refresh");
        op = new ScriptedOidcProvider(clock);
        // a fresh ID token, without nonce, for the same sign-in on every refresh; the sign-in's carries the nonce
        op.onToken((p, call) -> {
            if (call.grantType().equals("refresh_token")) {
                refreshes.incrementAndGet();
                return p.tokenResponse(p.idToken(p.claims(null)));
            }
            return p.tokenResponse(p.idToken(p.claims(call.nonce())));
        });
        SharedSessionNode.Two nodes = SharedSessionNode.startTwo(db -> db.setDatasource(database),
                callback -> MeshAgentConfig.builder().issuer(op.issuer()).clientId(op.clientId()).clientSecret(SECRET)
                        .redirectUri(callback).protectedPaths("/app/*").clock(clock)
                        .refreshCoordinator(new PostgresRefreshCoordinator(database)));
        nodeA = nodes.a();
        nodeB = nodes.b();
    }

    @Test
    void aNodeThatTookTheOtherNodesRefreshOutcomeRefreshesAgainWithAnIdTokenAndTheUserStaysSignedIn()
            throws Exception {
        Browser ada = new Browser();
        HttpResponse<String> signIn = ScriptedOidcProvider.signIn(ada, nodeA.uri("/meshagent/login?return_to=/app/x"));
        assertEquals(303, signIn.statusCode(), signIn.body());
        String signedInTokens = tokens(ada, nodeA);
        String twin = "JSESSIONID=" + copySession(ada.sessionId(nodeA.base()).orElseThrow());

        // node A refreshes (the provider's ID token is held to the sign-in's) and stores the outcome
        clock.advance(PAST_EXPIRY);
        Browser onA = new Browser();
        assertSignedIn(onA, nodeA, "Cookie", twin);
        assertEquals(1, refreshes.get());
        String refreshedByA = tokens(onA, nodeA, "Cookie", twin);
        assertNotEquals(signedInTokens, refreshedByA);

        // node B, holding the old refresh token, takes node A's outcome instead of redeeming the token again
        assertSignedIn(ada, nodeB);
        assertEquals(1, refreshes.get(), "node B took node A's outcome");
        assertEquals(refreshedByA, tokens(ada, nodeB));

        // the next refresh brings an ID token that must name the same sign-in
        clock.advance(PAST_EXPIRY);
        assertSignedIn(ada, nodeB);
        assertEquals(2, refreshes.get());
        assertSignedIn(ada, nodeA);
    }

    private static void assertSignedIn(Browser b, SharedSessionNode node, String... headers) throws Exception {
        HttpResponse<String> page = b.get(node.uri("/app/x"), with(headers, "Accept", "application/json"));
        assertEquals(200, page.statusCode(), node.base() + " still signed in: " + page.body());
        assertEquals("hello user-1 <null> at /app/x", page.body());
        assertTrue(b.get(node.uri("/meshagent/session"), headers).body().contains("\"signed_in\":true"));
    }

    private static String[] with(String[] headers, String... more) {
        String[] all = Arrays.copyOf(headers, headers.length + more.length);
        System.arraycopy(more, 0, all, headers.length, more.length);
        return all;
    }

    /** The access and refresh token the session holds, read on {@code node}. */
    private static String tokens(Browser b, SharedSessionNode node, String... headers) throws Exception {
        return b.get(node.uri("/test-only-tokens"), headers).body();
    }

    /**
     * Copies the row of the session whose cookie value is {@code cookie} ({@code id.worker}) in Jetty's session
     * table under a new id; returns the cookie value of the copy.
     */
    private String copySession(String cookie) throws SQLException {
        String id = cookie.substring(0, cookie.indexOf('.'));
        String copy = id + "twin";
        try (Connection c = database.getConnection();
                PreparedStatement take = c.prepareStatement(
                        "CREATE TEMP TABLE twin AS SELECT * FROM JettySessions WHERE sessionId = ?");
                PreparedStatement rename = c.prepareStatement("UPDATE twin SET sessionId = ?");
                Statement put = c.createStatement()) {
            take.setString(1, id);
            take.execute();
            rename.setString(1, copy);
            assertEquals(1, rename.executeUpdate(), "one row for the session");
            put.execute("INSERT INTO JettySessions SELECT * FROM twin");
        }
        return copy + cookie.substring(cookie.indexOf('.'));
    }
}
