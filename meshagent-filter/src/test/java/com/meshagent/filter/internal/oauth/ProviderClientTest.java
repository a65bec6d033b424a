package com.meshagent.filter.internal.oauth;

import com.meshagent.filter.internal.metrics.Metrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.filter.MeshAgentConfig;
import com.meshagent.filter.internal.session.PendingSignIn;
import com.meshagent.filter.internal.session.TokenSet;
import com.meshagent.filter.testing.Queries;
import com.meshagent.testsupport.MutableClock;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ProviderClient} in MeshAgent mode against a scripted local HTTP server: token-endpoint faults
 * (FT-01, FT-03), token response shapes (PV-22), refresh outcomes (TH-04, TH-05), client authentication
 * (PV-25) and how the access token travels (TH-01).
 */
class ProviderClientTest {

    /** One scripted answer: status, content type, body. */
    record Answer(int status, String contentType, String body) {}

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final AtomicReference<Answer> token = new AtomicReference<>();
    private final AtomicReference<Answer> profile = new AtomicReference<>(
            new Answer(200, "application/json", "{\"id\":\"u-1\",\"email\":\"ada@example.com\",\"first_name\":\"Ada\",\"last_name\":\"L\"}"));
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
    private HttpServer server;
    private URI base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/oauth/token", ex -> answer(ex, token.get()));
        server.createContext("/accounts/profiles/me", ex -> answer(ex, profile.get()));
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange ex, Answer a) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(ex.getRequestMethod() + " " + ex.getRequestURI() + " " + body);
        authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
        byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
        if (a.contentType() != null) {
            ex.getResponseHeaders().add("Content-Type", a.contentType());
        }
        ex.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private ProviderClient client(MeshAgentConfig.Builder b) {
        return new ProviderClient(ProviderClient.Settings.of(b.build()), Metrics.NONE);
    }

    private MeshAgentConfig.Builder config() {
        return MeshAgentConfig.builder().apiUrl(base.toString()).clientId("cid").clientSecret("s3cret")
                .redirectUri("http://127.0.0.1:1/meshagent/callback").clock(clock)
                .readTimeout(Duration.ofSeconds(2)).maxResponseBytes(4096);
    }

    private PendingSignIn pending(ProviderClient c) {
        return new PendingSignIn("st", "v".repeat(43), null, c.providerId(), "/", clock.instant());
    }

    private static String json(String access, String refresh, Integer expiresIn, String type) {
        return "{\"access_token\":\"" + access + "\",\"token_type\":\"" + type + "\""
                + (refresh == null ? "" : ",\"refresh_token\":\"" + refresh + "\"")
                + (expiresIn == null ? "" : ",\"expires_in\":" + expiresIn) + ",\"unknown_field\":{\"x\":[1,2]}}";
    }

    @Test
    void codeExchangeSendsVerifierAndSecretThenReadsTheProfileWithABearerHeader() {
        token.set(new Answer(200, "application/json", json("at-1", "rt-1", 600, "Bearer")));
        ProviderClient c = client(config());
        SignInResult.Success ok = assertInstanceOf(SignInResult.Success.class, c.complete(pending(c), "the-code"));
        assertEquals("u-1", ok.user().id());
        assertEquals("Ada L", ok.user().name());
        assertEquals(base.toString(), ok.user().provider());
        assertEquals(clock.instant().plusSeconds(600), ok.tokens().expiresAt(), "expiry counted from receipt");
        String form = requests.get(0);
        Map<String, List<String>> p = Queries.parse(form.substring(form.lastIndexOf(' ') + 1));
        assertEquals(List.of("authorization_code"), p.get("grant_type"));
        assertEquals(List.of("v".repeat(43)), p.get("code_verifier"));
        assertEquals(List.of("s3cret"), p.get("client_secret"), "client_secret_post by default");
        assertEquals(List.of("http://127.0.0.1:1/meshagent/callback"), p.get("redirect_uri"));
        assertTrue(requests.get(1).startsWith("GET /accounts/profiles/me "), requests.get(1));
        assertFalse(requests.get(1).contains("at-1"), "access token never in the URL (TH-01)");
        assertEquals("Bearer at-1", authorizations.get(1));
    }

    @Test
    void mixedCaseTokenTypeIsAcceptedAndMissingExpiryUsesTheConfiguredDefault() {
        token.set(new Answer(200, "application/json", json("at-1", null, null, "bEARER")));
        ProviderClient c = client(config().defaultTokenLifetime(Duration.ofMinutes(20)));
        SignInResult.Success ok = assertInstanceOf(SignInResult.Success.class, c.complete(pending(c), "code"));
        assertEquals(clock.instant().plus(Duration.ofMinutes(20)), ok.tokens().expiresAt());
        assertNull(ok.tokens().refreshToken());
    }

    @Test
    void everyBrokenTokenResponseIsALoginErrorWithoutProfileCall() {
        List<Answer> broken = List.of(
                new Answer(500, "text/html", "<html><body>Internal error at com.example.Foo</body></html>"),
                new Answer(200, "text/html", "<html>hello</html>"),
                new Answer(200, "application/json", "[1,2,3]"),
                new Answer(200, "application/json", ""),
                new Answer(200, "application/json", "{\"token_type\":\"Bearer\"}"),
                new Answer(400, "application/json", "{\"error\":\"invalid_grant\"}"),
                new Answer(200, "application/json", "{\"access_token\":\"" + "x".repeat(5000) + "\",\"token_type\":\"Bearer\"}"));
        for (Answer a : broken) {
            requests.clear();
            token.set(a);
            ProviderClient c = client(config());
            SignInResult.Failure f = assertInstanceOf(SignInResult.Failure.class, c.complete(pending(c), "code"), a.body());
            assertFalse(f.logDetail().contains("code") && f.logDetail().contains("the-code"));
            assertEquals(1, requests.size(), "no profile call after " + a);
        }
    }

    @Test
    void unreachableTokenEndpointIsReportedUnavailable() {
        server.stop(0);
        ProviderClient c = client(config().connectTimeout(Duration.ofSeconds(1)));
        SignInResult.Failure f = assertInstanceOf(SignInResult.Failure.class, c.complete(pending(c), "code"));
        assertTrue(f.unavailable());
        assertEquals("provider_unavailable", f.reason());
        assertInstanceOf(RefreshResult.Unavailable.class, c.refresh(new TokenSet("a", "r", clock.instant(), null)));
    }

    @Test
    void rotatedRefreshTokenReplacesTheOldAndNoneKeepsIt() {
        ProviderClient c = client(config());
        TokenSet old = new TokenSet("at-0", "rt-0", clock.instant(), "scope-a");
        token.set(new Answer(200, "application/json", json("at-1", "rt-1", 60, "Bearer")));
        TokenSet rotated = assertInstanceOf(RefreshResult.Refreshed.class, c.refresh(old)).tokens();
        assertEquals("rt-1", rotated.refreshToken());
        assertEquals("at-1", rotated.accessToken());
        assertEquals("scope-a", rotated.scope(), "scope kept when none returned");
        token.set(new Answer(200, "application/json", json("at-2", null, 60, "Bearer")));
        assertEquals("rt-1", assertInstanceOf(RefreshResult.Refreshed.class, c.refresh(rotated)).tokens().refreshToken());
        String form = requests.get(0);
        assertTrue(form.contains("grant_type=refresh_token") && form.contains("refresh_token=rt-0"), form);
    }

    @Test
    void refreshRejectionsEndTheSignInAndOutagesDoNot() {
        ProviderClient c = client(config());
        TokenSet old = new TokenSet("at-0", "rt-0", clock.instant(), null);
        token.set(new Answer(400, "application/json", "{\"error\":\"invalid_grant\"}"));
        assertEquals("invalid_grant", assertInstanceOf(RefreshResult.Rejected.class, c.refresh(old)).error());
        token.set(new Answer(401, "application/json", "{\"error\":\"invalid_client\"}"));
        assertInstanceOf(RefreshResult.Rejected.class, c.refresh(old));
        token.set(new Answer(503, "text/plain", "busy"));
        assertInstanceOf(RefreshResult.Unavailable.class, c.refresh(old));
        token.set(new Answer(200, "text/html", "<html>"));
        assertInstanceOf(RefreshResult.Unavailable.class, c.refresh(old));
        assertInstanceOf(RefreshResult.Rejected.class, c.refresh(new TokenSet("a", null, clock.instant(), null)));
    }

    @Test
    void basicClientAuthenticationFormEncodesIdAndSecret() {
        token.set(new Answer(200, "application/json", json("at-1", null, 60, "Bearer")));
        ProviderClient c = client(config().clientSecret("a:b+c%d").clientAuthMethod(MeshAgentConfig.ClientAuthMethod.BASIC));
        assertInstanceOf(RefreshResult.Refreshed.class, c.refresh(new TokenSet("a", "r", clock.instant(), null)));
        String header = authorizations.get(0);
        assertTrue(header.startsWith("Basic "), header);
        String decoded = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        assertEquals("cid", URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8));
        assertEquals("a:b+c%d", URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8));
        assertFalse(requests.get(0).contains("client_secret="), "secret not also in the body");
    }

    @Test
    void tenThousandFlowsHaveDistinctUrlSafeStatesVerifiersAndNoncesOfAtLeast128Bits() throws Exception {
        ProviderClient c = client(config());
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            PendingSignIn p = c.start("/").pending();
            for (String v : List.of(p.state(), p.codeVerifier(), p.nonce())) {
                assertTrue(v.matches("[A-Za-z0-9_-]{43,128}"), v);
                assertTrue(seen.add(v), "repeated value (SC-05)");
            }
        }
        assertEquals(30_000, seen.size());
    }

    @Test
    void authorizationUriCarriesPkceAndIgnoresNothingSecret() throws Exception {
        ProviderClient c = client(config().scopes("profile:read rooms:connect"));
        ProviderClient.Start s = c.start("/after");
        Map<String, List<String>> q = Queries.parse(s.authorizationUri().getRawQuery());
        assertEquals(base + "/oauth/authorize", s.authorizationUri().toString().split("\\?")[0]);
        assertEquals(List.of("S256"), q.get("code_challenge_method"));
        assertEquals(List.of(s.pending().state()), q.get("state"));
        assertNull(q.get("nonce"), "no nonce without openid");
        assertNull(s.pending().nonce());
        assertFalse(s.authorizationUri().toString().contains(s.pending().codeVerifier()), "verifier stays server-side");
        assertFalse(s.authorizationUri().toString().contains("s3cret"));
        assertEquals(List.of("profile:read rooms:connect"), q.get("scope"));
    }
}
