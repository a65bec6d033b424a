package com.meshagent.filter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.filter.MeshAgentConfig;
import com.meshagent.filter.cluster.PostgresProviderLogouts;
import com.meshagent.filter.testing.Browser;
import com.meshagent.filter.testing.JettyApp;
import com.meshagent.filter.testing.ScriptedIssuer;
import com.meshagent.filter.testing.TestPostgres;
import com.meshagent.testsupport.MutableClock;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The back-channel logout endpoint against a scripted provider that signs whatever the test writes: a valid
 * logout token is accepted once across two nodes sharing {@link PostgresProviderLogouts} on a real PostgreSQL,
 * and each hostile token, breaking one rule, gets 400 {@code invalid_request} with {@code no-store}, never a 500.
 */
class BackChannelLogoutTokenTest {

    private static final String CLIENT_ID = "app-client";
    private static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";

    private final MutableClock clock = MutableClock.atSystemTime();
    private ScriptedIssuer provider;
    private JettyApp nodeA;
    private JettyApp nodeB;

    @BeforeEach
    void start() throws Exception {
        provider = new ScriptedIssuer();
        PGSimpleDataSource db = TestPostgres.newDatabase("bcl");
        nodeA = node(db);
        nodeB = node(db);
    }

    private JettyApp node(PGSimpleDataSource db) throws Exception {
        return JettyApp.start(base -> MeshAgentConfig.builder()
                .issuer(provider.issuer())
                .clientId(CLIENT_ID)
                .clientSecret("secret")
                .redirectUri(base + "/meshagent/callback")
                .readTimeout(Duration.ofSeconds(30))
                .clock(clock)
                .providerLogouts(new PostgresProviderLogouts(db, Duration.ofSeconds(1), clock))
                .build());
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {nodeA, nodeB, provider}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private JWTClaimsSet.Builder valid() {
        Date now = Date.from(clock.instant());
        return new JWTClaimsSet.Builder()
                .issuer(provider.issuer())
                .audience(CLIENT_ID)
                .issueTime(now)
                .expirationTime(Date.from(clock.instant().plusSeconds(120)))
                .jwtID(UUID.randomUUID().toString())
                .subject("user-1")
                .claim("sid", "sid-1")
                .claim("events", Map.of(EVENT, Map.of()));
    }

    private static HttpResponse<String> post(JettyApp node, String token) throws Exception {
        return new Browser().postForm(node.uri("/meshagent/backchannel-logout"),
                "logout_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    private static void assertRefused(HttpResponse<String> r, String token) {
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"error\":\"invalid_request\""), r.body());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        assertFalse(r.body().contains(token), "the token is not echoed");
    }

    private void assertRefused(UnaryOperator<JWTClaimsSet.Builder> breakRule) throws Exception {
        String token = provider.sign(breakRule.apply(valid()).build(), "logout+jwt");
        assertRefused(post(nodeA, token), token);
    }

    @Test
    void aValidTokenIsAcceptedOnceAcrossNodes() throws Exception {
        String token = provider.sign(valid().build(), "logout+jwt");
        HttpResponse<String> first = post(nodeA, token);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals("no-store", first.headers().firstValue("Cache-Control").orElse(""));
        assertRefused(post(nodeB, token), token);
        assertRefused(post(nodeA, token), token);
    }

    @Test
    void withoutATypHeaderATokenIsAccepted() throws Exception {
        assertEquals(200, post(nodeA, provider.sign(valid().build(), null)).statusCode());
    }

    @Test
    void badSignature() throws Exception {
        String token = provider.signWithImpostorKey(valid().build());
        assertRefused(post(nodeA, token), token);
    }

    @Test
    void algNone() throws Exception {
        String token = new PlainJWT(valid().build()).serialize();
        assertRefused(post(nodeA, token), token);
    }

    @Test
    void wrongIssuer() throws Exception {
        assertRefused(b -> b.issuer("http://127.0.0.1:1/other"));
    }

    @Test
    void wrongAudience() throws Exception {
        assertRefused(b -> b.audience("another-client"));
    }

    @Test
    void noncePresent() throws Exception {
        assertRefused(b -> b.claim("nonce", "n-1"));
    }

    @Test
    void eventsMissing() throws Exception {
        assertRefused(b -> b.claim("events", null));
    }

    @Test
    void eventsMemberNotAnObject() throws Exception {
        assertRefused(b -> b.claim("events", Map.of(EVENT, "yes")));
    }

    @Test
    void neitherSidNorSub() throws Exception {
        assertRefused(b -> b.subject(null).claim("sid", null));
    }

    @Test
    void jtiMissing() throws Exception {
        assertRefused(b -> b.jwtID(null));
    }

    @Test
    void expired() throws Exception {
        assertRefused(b -> b.issueTime(Date.from(clock.instant().minusSeconds(600)))
                .expirationTime(Date.from(clock.instant().minusSeconds(300))));
    }

    @Test
    void issuedTooLongAgo() throws Exception {
        // still unexpired: only the age of iat is wrong
        assertRefused(b -> b.issueTime(Date.from(clock.instant().minus(Duration.ofMinutes(10)))));
    }

    @Test
    void issuedInTheFuture() throws Exception {
        assertRefused(b -> b.issueTime(Date.from(clock.instant().plus(Duration.ofMinutes(10))))
                .expirationTime(Date.from(clock.instant().plus(Duration.ofMinutes(12)))));
    }

    @Test
    void wrongTyp() throws Exception {
        String token = provider.sign(valid().build(), "JWT");
        assertRefused(post(nodeA, token), token);
    }

    @Test
    void aHostileTypHeaderIsNotEchoedRaw() throws Exception {
        // the typ header is read before the signature: anyone can send this, and the reason reaches the log
        String token = provider.sign(valid().build(), "JWT\r\nINFO forged log line \u001b[31m");
        HttpResponse<String> r = post(nodeA, token);
        assertRefused(r, token);
        String description = (String) JSONObjectUtils.parse(r.body()).get("error_description");
        assertTrue(description.contains("typ header"), description);
        assertTrue(description.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f), "printable only: " + description);
    }

    @Test
    void notAJwtOrNoTokenAtAll() throws Exception {
        assertRefused(post(nodeA, "not.a.jwt"), "not.a.jwt");
        HttpResponse<String> none = new Browser().postForm(nodeA.uri("/meshagent/backchannel-logout"), "other=1");
        assertRefused(none, "logout_token=");
        HttpResponse<String> byGet = new Browser().get(nodeA.uri("/meshagent/backchannel-logout"));
        assertEquals(405, byGet.statusCode());
        assertEquals("POST", byGet.headers().firstValue("Allow").orElse(""));
    }
}
