package com.meshagent.devserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.devserver.http.Call;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.claims.LogoutTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.LogoutTokenValidator;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OpenID Connect Back-Channel Logout 1.0 from the devserver's side, against a real receiver: the logout
 * token's signature is checked against the devserver's published JWKS and every claim is checked.
 */
class BackchannelLogoutTest {
    private static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";

    /** A relying party's back-channel logout endpoint: records each POST and answers {@code status}. */
    static final class Receiver implements AutoCloseable {
        record Received(String contentType, String logoutToken, Map<String, List<String>> form) {}

        final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
        final HttpServer server;
        volatile int status = 200;

        Receiver() throws Exception {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/backchannel-logout", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Map<String, List<String>> form = Call.parseForm(body);
                received.add(new Received(exchange.getRequestHeaders().getFirst("Content-Type"),
                        form.containsKey("logout_token") ? form.get("logout_token").get(0) : null, form));
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
        }

        String uri() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/backchannel-logout";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private Receiver receiver;
    private DevServer dev;
    private Flows flows;

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver();
        // Logout and ID token validation check iat/exp against the real time: system clock.
        dev = DevServer.builder().port(0).redirectUris(Flows.REDIRECT).backchannelLogoutUri(receiver.uri()).start();
        flows = new Flows(dev);
    }

    @AfterEach
    void stop() {
        dev.close();
        receiver.close();
    }

    private String apiKey() {
        return dev.bootstrap().apiKey();
    }

    private HttpResponse<String> endSessions(String email) throws Exception {
        return flows.rest("POST", "/dev/end-sessions", apiKey(), Map.of("email", email));
    }

    private JWTClaimsSet verifiedClaims(String jwt) throws Exception {
        return SignedJWT.parse(jwt).getJWTClaimsSet();
    }

    /** Checks the logout token as a relying party would (Nimbus's validator and each claim by hand); returns its claims. */
    private JWTClaimsSet checkLogoutToken(Receiver.Received r, String clientId) throws Exception {
        assertEquals("application/x-www-form-urlencoded", r.contentType());
        assertEquals(Set.of("logout_token"), r.form().keySet(), "only logout_token is posted");
        assertNotNull(r.logoutToken());
        JWKSet jwks = JWKSet.parse(flows.get("/.well-known/jwks.json").body());
        SignedJWT jwt = SignedJWT.parse(r.logoutToken());
        assertEquals(JWSAlgorithm.RS256, jwt.getHeader().getAlgorithm());
        assertEquals(new JOSEObjectType("logout+jwt"), jwt.getHeader().getType());
        RSAKey key = jwks.getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey();
        assertTrue(jwt.verify(new RSASSAVerifier(key)), "signed with the key in the devserver's JWKS");
        LogoutTokenClaimsSet validated = new LogoutTokenValidator(new Issuer(dev.baseUri().toString()),
                new ClientID(clientId), JWSAlgorithm.RS256, jwks).validate(jwt);
        assertNotNull(validated);
        JWTClaimsSet c = jwt.getJWTClaimsSet();
        assertEquals(dev.baseUri().toString(), c.getIssuer());
        assertEquals(List.of(clientId), c.getAudience());
        Instant now = Instant.now();
        assertTrue(Math.abs(c.getIssueTime().toInstant().getEpochSecond() - now.getEpochSecond()) <= 5, "iat is now");
        Duration life = Duration.between(c.getIssueTime().toInstant(), c.getExpirationTime().toInstant());
        assertTrue(!life.isNegative() && life.compareTo(Duration.ofMinutes(2)) <= 0, "short exp: " + life);
        assertNotNull(c.getJWTID());
        assertEquals(Map.of(EVENT, Map.of()), c.getJSONObjectClaim("events"));
        assertNotNull(c.getSubject());
        assertNotNull(c.getStringClaim("sid"));
        assertNull(c.getClaim("nonce"), "a logout token never carries a nonce");
        return c;
    }

    private Receiver.Received next() throws Exception {
        Receiver.Received r = receiver.received.poll(10, java.util.concurrent.TimeUnit.SECONDS);
        assertNotNull(r, "no logout token arrived");
        return r;
    }

    @Test
    void discoveryAdvertisesBackChannelLogoutWithSessions() throws Exception {
        Map<String, Object> d = Flows.json(flows.get("/.well-known/openid-configuration").body());
        assertEquals(true, d.get("backchannel_logout_supported"));
        assertEquals(true, d.get("backchannel_logout_session_supported"));
    }

    @Test
    void eachSignInHasItsOwnSidInTheIdToken() throws Exception {
        String first = (String) flows.tokensFor("sid@example.com", "openid").get("id_token");
        String second = (String) flows.tokensFor("sid@example.com", "openid").get("id_token");
        String a = verifiedClaims(first).getStringClaim("sid");
        String b = verifiedClaims(second).getStringClaim("sid");
        assertNotNull(a);
        assertNotNull(b);
        assertNotEquals(a, b);
    }

    @Test
    void endSessionsTellsEveryClientTheUserSignedInToAndRevokesTheirRefreshTokens() throws Exception {
        // A second client with its own receiver; the user signs in to both, another user to the bootstrap one.
        try (Receiver other = new Receiver()) {
            Map<String, Object> created = Flows.json(flows.rest("POST", flows.project("/oauth/clients"), apiKey(),
                    Map.of("grant_types", List.of("authorization_code", "refresh_token"),
                            "redirect_uris", List.of(Flows.REDIRECT), "scope", "openid profile",
                            "backchannel_logout_uri", other.uri())).body());
            String otherId = (String) created.get("client_id");
            Map<String, Object> mine = flows.tokensFor("leaving@example.com", "openid");
            Map<String, Object> theirs = signInWith(otherId, (String) created.get("client_secret"), "leaving@example.com");
            Map<String, Object> bystander = flows.tokensFor("staying@example.com", "openid");

            HttpResponse<String> r = endSessions("leaving@example.com");
            assertEquals(200, r.statusCode(), r.body());

            JWTClaimsSet toBootstrap = checkLogoutToken(next(), dev.bootstrap().clientId());
            JWTClaimsSet toOther = checkLogoutToken(other.received.poll(10, java.util.concurrent.TimeUnit.SECONDS),
                    otherId);
            JWTClaimsSet idToken = verifiedClaims((String) mine.get("id_token"));
            assertEquals(idToken.getSubject(), toBootstrap.getSubject());
            assertEquals(idToken.getStringClaim("sid"), toBootstrap.getStringClaim("sid"));
            assertEquals(verifiedClaims((String) theirs.get("id_token")).getStringClaim("sid"), toOther.getStringClaim("sid"));
            assertNotEquals(toBootstrap.getJWTID(), toOther.getJWTID(), "jti is unique");
            assertTrue(receiver.received.isEmpty(), "the bystander's client got nothing: " + receiver.received);

            assertEquals(400, flows.token(flows.refreshParams((String) mine.get("refresh_token"))).statusCode(),
                    "the user's refresh token is revoked");
            assertEquals(401, flows.get("/oauth/userinfo", (String) mine.get("access_token")).statusCode());
            assertEquals(200, flows.token(flows.refreshParams((String) bystander.get("refresh_token"))).statusCode(),
                    "another user's sign-in is untouched");
            // A second call has nothing left to end.
            assertEquals(List.of(), Flows.json(endSessions("leaving@example.com").body()).get("logout_tokens"));
        }
    }

    private Map<String, Object> signInWith(String clientId, String secret, String email) throws Exception {
        Flows.Pkce pkce = Flows.pkce();
        Map<String, String> auth = flows.authorizeParams(pkce, "openid");
        auth.put("client_id", clientId);
        String code = Flows.param(flows.signIn(auth, email), "code");
        Map<String, String> exchange = flows.codeExchange(code, pkce);
        exchange.put("client_id", clientId);
        exchange.put("client_secret", secret);
        HttpResponse<String> r = flows.token(exchange);
        assertEquals(200, r.statusCode(), r.body());
        return Flows.json(r.body());
    }

    @Test
    void signingOutThroughEndSessionSendsALogoutTokenForTheSignIn() throws Exception {
        Map<String, Object> t = flows.tokensFor("rp-logout@example.com", "openid");
        String idToken = (String) t.get("id_token");
        Map<String, String> q = new LinkedHashMap<>();
        q.put("id_token_hint", idToken);
        q.put("post_logout_redirect_uri", Flows.REDIRECT);
        HttpResponse<String> r = flows.get("/oauth/end-session?" + Flows.form(q));
        assertEquals(303, r.statusCode(), r.body());
        JWTClaimsSet logout = checkLogoutToken(next(), dev.bootstrap().clientId());
        assertEquals(verifiedClaims(idToken).getStringClaim("sid"), logout.getStringClaim("sid"));
        assertEquals(verifiedClaims(idToken).getSubject(), logout.getSubject());
        assertEquals(400, flows.token(flows.refreshParams((String) t.get("refresh_token"))).statusCode());
    }

    @Test
    void aFailingOrAbsentReceiverIsLoggedAndTheDevserverCarriesOn() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            receiver.status = 500;
            flows.tokensFor("failing@example.com", "openid");
            Map<String, Object> answer = Flows.json(endSessions("failing@example.com").body());
            assertEquals(List.of(Map.of("client_id", dev.bootstrap().clientId(), "status", 500L)),
                    answer.get("logout_tokens"));
            String logoutToken = next().logoutToken();

            int closed;
            try (ServerSocket s = new ServerSocket(0)) {
                closed = s.getLocalPort();
            }
            assertEquals(200, flows.rest("PUT", flows.project("/oauth/clients/" + dev.bootstrap().clientId()), apiKey(),
                    Map.of("backchannel_logout_uri", "http://127.0.0.1:" + closed + "/gone")).statusCode());
            flows.tokensFor("failing@example.com", "openid");
            HttpResponse<String> r = endSessions("failing@example.com");
            assertEquals(200, r.statusCode(), r.body());
            @SuppressWarnings("unchecked")
            Map<String, Object> delivery = ((List<Map<String, Object>>) Flows.json(r.body()).get("logout_tokens")).get(0);
            assertEquals(0L, delivery.get("status"));
            assertNotNull(delivery.get("problem"));
            assertEquals(200, flows.get("/.well-known/openid-configuration").statusCode(), "still serving");
            String text = log.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("back-channel logout to client " + dev.bootstrap().clientId()), text);
            assertTrue(text.contains("HTTP 500"), text);
            assertFalse(text.contains(logoutToken), "the logout token is never logged");
        } finally {
            System.setErr(original);
        }
    }

    @Test
    void endSessionsNeedsTheApiKeyAndAKnownEmail() throws Exception {
        String userToken = flows.accessToken("someone@example.com");
        assertEquals(401, flows.rest("POST", "/dev/end-sessions", null, Map.of("email", "someone@example.com")).statusCode());
        assertEquals(403, flows.rest("POST", "/dev/end-sessions", userToken, Map.of("email", "someone@example.com")).statusCode());
        HttpResponse<String> unknown = endSessions("nobody@example.com");
        assertEquals(404, unknown.statusCode());
        assertEquals(400, flows.rest("POST", "/dev/end-sessions", apiKey(), Map.of("mail", "x@example.com")).statusCode());
        assertEquals(400, flows.rest("POST", "/dev/end-sessions", apiKey(), "{not json").statusCode());
        assertEquals(405, flows.get("/dev/end-sessions", apiKey()).statusCode());
    }

    @Test
    void statsCountTokenRequestsByGrantAndNeedTheApiKey() throws Exception {
        Map<String, Object> t = flows.tokensFor("stats@example.com", "openid");
        flows.token(flows.refreshParams((String) t.get("refresh_token")));
        flows.token(flows.refreshParams((String) t.get("refresh_token"))); // rotated: refused, still counted
        HttpResponse<String> r = flows.get("/dev/stats", apiKey());
        assertEquals(200, r.statusCode());
        assertEquals(Map.of("token_requests", Map.of("authorization_code", 1L, "refresh_token", 2L)), Flows.json(r.body()));
        assertEquals(401, flows.get("/dev/stats").statusCode());
        assertEquals(403, flows.get("/dev/stats", flows.accessToken("stats@example.com")).statusCode(),
                "a user's access token is not enough");
    }

    @Test
    void clientsKeepTheirBackChannelLogoutUriThroughRestAndValidateIt() throws Exception {
        String path = flows.project("/oauth/clients");
        Map<String, Object> created = Flows.json(flows.rest("POST", path, apiKey(), Map.of(
                "redirect_uris", List.of(Flows.REDIRECT), "backchannel_logout_uri", "https://rp.example/logout?x=1"))
                .body());
        String id = (String) created.get("client_id");
        assertEquals("https://rp.example/logout?x=1", created.get("backchannel_logout_uri"));
        assertEquals("https://rp.example/logout?x=1",
                Flows.json(flows.rest("GET", path + "/" + id, apiKey(), null).body()).get("backchannel_logout_uri"));
        for (String bad : List.of("/relative", "https://rp.example/logout#frag", "ftp://rp.example/x", "javascript:x")) {
            HttpResponse<String> r = flows.rest("PUT", path + "/" + id, apiKey(), Map.of("backchannel_logout_uri", bad));
            assertEquals(400, r.statusCode(), bad);
            assertEquals("invalid_backchannel_logout_uri", Flows.restErrorCode(r), bad);
        }
        assertEquals(200, flows.rest("PUT", path + "/" + id, apiKey(), Map.of("scope", "openid")).statusCode());
        assertEquals("https://rp.example/logout?x=1",
                Flows.json(flows.rest("GET", path + "/" + id, apiKey(), null).body()).get("backchannel_logout_uri"),
                "an update that does not name it keeps it");
        assertEquals(200, flows.rest("PUT", path + "/" + id, apiKey(), Map.of("backchannel_logout_uri", "")).statusCode());
        assertFalse(Flows.json(flows.rest("GET", path + "/" + id, apiKey(), null).body()).containsKey("backchannel_logout_uri"),
                "\"\" removes it");
        assertEquals(receiver.uri(), Flows.json(flows.rest("GET", path + "/" + dev.bootstrap().clientId(), apiKey(), null)
                .body()).get("backchannel_logout_uri"), "the builder option sets the bootstrap client's");
    }

    @Test
    void theAccessTokenLifetimeOptionSetsExpiresInAndResetReturnsToIt() throws Exception {
        try (DevServer shortLived = DevServer.builder().port(0).redirectUris(Flows.REDIRECT)
                .accessTokenLifetime(Duration.ofSeconds(70)).start()) {
            Flows f = new Flows(shortLived);
            assertEquals(70L, f.tokensFor("short@example.com", "openid").get("expires_in"));
            shortLived.knobs().accessTokenLifetime(Duration.ofSeconds(5));
            assertEquals(5L, f.tokensFor("short@example.com", "openid").get("expires_in"));
            shortLived.knobs().reset();
            assertEquals(70L, f.tokensFor("short@example.com", "openid").get("expires_in"));
        }
    }

    @Test
    void theCommandLineTakesTheNewOptions() {
        assertNotNull(Main.parse(new String[] {"--access-token-lifetime", "PT70S", "--backchannel-logout-uri",
                "http://localhost:8080/meshagent/backchannel-logout"}));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Main.parse(new String[] {"--access-token-lifetime", "70"}));
        assertTrue(e.getMessage().contains("ISO-8601"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Main.parse(new String[] {"--backchannel-logout-uri", "http://x/#f"}));
        assertTrue(Main.usage().contains("--backchannel-logout-uri") && Main.usage().contains("--access-token-lifetime"));
    }

    @Test
    void theBackChannelLogoutUriIsKeptInTheDataDirectory(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String id;
        try (DevServer first = DevServer.builder().port(0).dataDir(dir).redirectUris(Flows.REDIRECT).start()) {
            Flows f = new Flows(first);
            id = (String) Flows.json(f.rest("POST", f.project("/oauth/clients"), first.bootstrap().apiKey(), Map.of(
                    "redirect_uris", List.of(Flows.REDIRECT), "backchannel_logout_uri", "http://127.0.0.1:1/bc")).body())
                    .get("client_id");
        }
        try (DevServer again = DevServer.builder().port(0).dataDir(dir).backchannelLogoutUri("http://127.0.0.1:2/bc")
                .start()) {
            Flows f = new Flows(again);
            String key = again.bootstrap().apiKey();
            assertEquals("http://127.0.0.1:1/bc", Flows.json(f.rest("GET", f.project("/oauth/clients/" + id), key, null)
                    .body()).get("backchannel_logout_uri"));
            assertEquals("http://127.0.0.1:2/bc", Flows.json(f.rest("GET", f.project("/oauth/clients/"
                    + again.bootstrap().clientId()), key, null).body()).get("backchannel_logout_uri"),
                    "the option given at restart applies to the reloaded bootstrap client");
        }
    }
}
