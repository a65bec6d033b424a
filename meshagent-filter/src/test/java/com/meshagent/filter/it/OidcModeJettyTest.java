package com.meshagent.filter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.filter.MeshAgentConfig;
import com.meshagent.filter.testing.Browser;
import com.meshagent.filter.testing.JettyApp;
import com.meshagent.filter.testing.Queries;
import com.meshagent.testsupport.MutableClock;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.mockwebserver.RecordedRequest;
import org.htmlunit.WebClient;
import org.htmlunit.Page;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The filter in Jetty 12 against mock-oauth2-server (an independent OIDC provider) in OIDC mode: the whole
 * sign-in, refresh, concurrency and sign-out, plus the callbacks that must be refused.
 */
class OidcModeJettyTest {

    private MockOAuth2Server oidc;
    private JettyApp app;
    private MutableClock clock;
    private String issuer;

    @BeforeEach
    void start() throws Exception {
        clock = MutableClock.atSystemTime();
        // the provider issues its tokens by the same clock the filter judges them by, so a test can move time
        oidc = new MockOAuth2Server(new OAuth2Config(false, null, null, false, new OAuth2TokenProvider(clock::instant)));
        oidc.start();
        issuer = oidc.issuerUrl("default").toString();
        app = JettyApp.start(base -> MeshAgentConfig.builder()
                .issuer(issuer)
                .clientId("sample-client")
                .clientSecret("s3cr3t:+%")
                .redirectUri(base + "/meshagent/callback")
                .protectedPaths("/app/*")
                .clock(clock)
                .build());
        drain();
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
        oidc.shutdown();
    }

    @Test
    void browserNavigationSignsInThroughTheProviderAndLandsOnTheRequestedPage() throws Exception {
        try (WebClient web = new WebClient()) {
            oidc.enqueueCallback(new DefaultOAuth2TokenCallback("default", "alice"));
            Page page = web.getPage(app.uri("/app/page?x=1").toString());
            assertEquals(app.uri("/app/page?x=1").toString(), page.getUrl().toString());
            assertEquals("hello alice <null> at /app/page", page.getWebResponse().getContentAsString());
        }
    }

    @Test
    void authorizationRequestCarriesPkceS256FreshStateNonceAndTheExactRedirectUri() throws Exception {
        Browser b = new Browser();
        HttpResponse<String> login = b.get(app.uri("/meshagent/login?return_to=/app/x"));
        assertEquals(302, login.statusCode());
        URI authorize = Browser.location(login);
        Map<String, List<String>> q = Queries.parse(authorize.getRawQuery());
        assertTrue(authorize.toString().startsWith(issuer + "/authorize"), authorize.toString());
        assertEquals(List.of("code"), q.get("response_type"));
        assertEquals(List.of("S256"), q.get("code_challenge_method"));
        assertEquals(43, q.get("code_challenge").get(0).length());
        assertEquals(List.of(app.uri("/meshagent/callback").toString()), q.get("redirect_uri"));
        assertTrue(q.get("state").get(0).length() >= 43, "state has at least 256 bits");
        assertTrue(q.get("nonce").get(0).length() >= 43, "nonce sent with openid");
        assertTrue(q.get("scope").get(0).contains("openid"));
        assertFalse(authorize.toString().contains("s3cr3t"), "no client secret in the URL");
        assertEquals("no-store", login.headers().firstValue("Cache-Control").orElse(""));

        HttpResponse<String> second = b.get(app.uri("/meshagent/login?return_to=/app/x"));
        assertNotEquals(q.get("state"), Queries.parse(Browser.location(second).getRawQuery()).get("state"));
    }

    @Test
    void signInChangesTheSessionIdAndTheSessionEndpointShowsTheUserButNoToken() throws Exception {
        Browser b = new Browser();
        HttpResponse<String> login = b.get(app.uri("/meshagent/login?return_to=/app/x"));
        String before = b.sessionId(app.base()).orElseThrow();
        assertEquals("660", b.get(app.uri("/public/session-ttl")).body(), "pre-sign-in session lives 11 min (LD-04)");
        HttpResponse<String> callback = b.get(Browser.location(b.get(Browser.location(login))));
        assertEquals(303, callback.statusCode());
        assertEquals("/app/x", callback.headers().firstValue("Location").orElseThrow(), "clean URL (RS-12)");
        assertEquals("no-store", callback.headers().firstValue("Cache-Control").orElse(""), "SC-17");
        assertEquals("no-referrer", callback.headers().firstValue("Referrer-Policy").orElse(""));
        assertNotEquals("660", b.get(app.uri("/public/session-ttl")).body(), "signed-in session has the app's timeout");
        String after = b.sessionId(app.base()).orElseThrow();
        assertNotEquals(before, after, "session id renewed at sign-in (SC-07)");

        HttpResponse<String> session = b.get(app.uri("/meshagent/session"));
        assertEquals(200, session.statusCode());
        assertTrue(session.body().contains("\"signed_in\":true"), session.body());
        assertTrue(session.body().contains("\"expires_at\""), session.body());
        assertFalse(session.body().toLowerCase().contains("token"), "never a token: " + session.body());
        List<RecordedRequest> calls = drain();
        RecordedRequest token = find(calls, "/default/token");
        String form = token.getBody().readUtf8();
        assertTrue(form.contains("code_verifier="), form);
        assertTrue(form.contains("grant_type=authorization_code"), form);
        assertTrue(form.contains("client_secret="), "client_secret_post by default");
        RecordedRequest userinfo = find(calls, "/default/userinfo");
        assertTrue(userinfo.getHeader("Authorization").startsWith("Bearer "));
        assertFalse(userinfo.getPath().contains("access_token"), "token only in the header (TH-01)");

        // the old session id no longer identifies anyone (SC-07)
        Browser attacker = new Browser();
        HttpResponse<String> planted = attacker.get(app.uri("/meshagent/session"), "Cookie", "JSESSIONID=" + before);
        assertTrue(planted.body().contains("\"signed_in\":false"), planted.body());
        // nor does a session id in the URL (SC-09): sessions travel in the cookie only
        HttpResponse<String> inUrl = attacker.get(app.uri("/app/x;jsessionid=" + after), "Accept", "application/json");
        assertTrue(inUrl.statusCode() == 400 || inUrl.statusCode() == 401, inUrl.statusCode() + " " + inUrl.body());
    }

    @Test
    void jsonRequestWithoutSessionGets401ProblemWithLoginUrlAndNavigationGetsARedirect() throws Exception {
        Browser b = new Browser();
        HttpResponse<String> api = b.get(app.uri("/app/data?q=1"), "Accept", "application/json");
        assertEquals(401, api.statusCode());
        assertEquals("application/problem+json;charset=UTF-8", api.headers().firstValue("Content-Type").orElse(""));
        assertTrue(api.body().contains("\"reason\":\"not_signed_in\""), api.body());
        assertTrue(api.body().contains("\"login_url\":\"/meshagent/login?return_to=%2Fapp%2Fdata%3Fq%3D1\""), api.body());

        assertEquals(401, b.get(app.uri("/app/data"), "X-Requested-With", "XMLHttpRequest").statusCode());
        assertEquals(401, b.get(app.uri("/app/data"), "Sec-Fetch-Mode", "cors").statusCode());
        HttpResponse<String> nav = b.get(app.uri("/app/data"), "Accept", "text/html", "Sec-Fetch-Mode", "navigate");
        assertEquals(302, nav.statusCode());
        assertEquals("/meshagent/login?return_to=%2Fapp%2Fdata", nav.headers().firstValue("Location").orElseThrow());
        assertEquals("hello anonymous <-> at /public", b.get(app.uri("/public")).body());
        HttpResponse<String> post = b.post(app.uri("/app/form"), "Accept", "text/html");
        assertEquals(302, post.statusCode(), "RS-06: an unsigned POST is not kept, the user comes back with a GET");
        assertEquals("/meshagent/login?return_to=%2Fapp%2Fform", post.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void replayedCallbackMakesNoSecondTokenRequestAndOtherBrowsersAreRefused() throws Exception {
        Browser b = new Browser();
        URI callback = Browser.location(b.get(Browser.location(b.get(app.uri("/meshagent/login?return_to=/app/x")))));
        assertEquals(303, b.get(callback).statusCode());
        assertEquals(1, count(drain(), "/default/token"));

        // reload / back button in the same browser: the user sees the app (FT-10)
        HttpResponse<String> reload = b.get(callback);
        assertEquals(303, reload.statusCode());
        assertEquals("/", reload.headers().firstValue("Location").orElseThrow());
        // the same callback URL in another browser (FT-11, SC-03): refused, nothing sent to the provider
        Browser other = new Browser();
        HttpResponse<String> stolen = other.get(callback);
        assertEquals(400, stolen.statusCode());
        assertFalse(other.get(app.uri("/meshagent/session")).body().contains("\"signed_in\":true"));
        assertEquals(0, count(drain(), "/default/token"));
    }

    @Test
    void callbackWithAWrongIssParameterIsRefusedBeforeAnyTokenRequest() throws Exception {
        Browser b = new Browser();
        URI callback = Browser.location(b.get(Browser.location(b.get(app.uri("/meshagent/login?return_to=/app/x")))));
        URI mixedUp = URI.create(callback.toString().replaceAll("&iss=[^&]*", "") + "&iss=https%3A%2F%2Fevil.example");
        HttpResponse<String> r = b.get(mixedUp);
        assertEquals(400, r.statusCode());
        assertEquals(0, count(drain(), "/default/token"), "PV-19");
        assertTrue(b.get(app.uri("/meshagent/session")).body().contains("\"signed_in\":false"));
    }

    @Test
    void callersCannotOverrideSecurityParametersOrTheReturnOrigin() throws Exception {
        Browser b = new Browser();
        HttpResponse<String> login = b.get(app.uri("/meshagent/login?return_to=//evil.example/x&state=mine"
                + "&redirect_uri=https%3A%2F%2Fevil.example%2Fcb&code_challenge=abc&prompt=none&response_type=token"));
        Map<String, List<String>> q = Queries.parse(Browser.location(login).getRawQuery());
        assertEquals(1, q.get("state").size());
        assertNotEquals("mine", q.get("state").get(0));
        assertEquals(List.of(app.uri("/meshagent/callback").toString()), q.get("redirect_uri"));
        assertEquals(List.of("code"), q.get("response_type"), "PV-27");
        assertFalse(q.containsKey("prompt"));
        assertNotEquals(List.of("abc"), q.get("code_challenge"));
        HttpResponse<String> done = b.get(Browser.location(b.get(Browser.location(login))));
        assertEquals(303, done.statusCode());
        assertEquals("/", done.headers().firstValue("Location").orElseThrow(), "protocol-relative target dropped (RS-05)");
        List<String> cookies = login.headers().allValues("Set-Cookie");
        assertTrue(cookies.stream().anyMatch(c -> c.startsWith("JSESSIONID=") && c.contains("HttpOnly")
                && c.contains("SameSite=Lax") && !c.contains("Domain")), "SC-10: " + cookies);
    }

    @Test
    void spoofedHostAndForwardedHeadersChangeNeitherRedirectUriNorLoginLink() throws Exception {
        String reply = rawGet("/meshagent/login?return_to=/app/x", "Host: evil.example",
                "X-Forwarded-Host: evil.example", "X-Forwarded-Proto: https", "X-Forwarded-Uri: /evil");
        String location = reply.lines().filter(l -> l.toLowerCase().startsWith("location:")).findFirst().orElseThrow();
        assertTrue(location.contains("redirect_uri=" + java.net.URLEncoder.encode(app.uri("/meshagent/callback").toString(),
                java.nio.charset.StandardCharsets.UTF_8)), location);
        String protectedReply = rawGet("/app/x", "Host: evil.example", "X-Forwarded-Host: evil.example",
                "Accept: text/html");
        assertTrue(protectedReply.contains("\r\nLocation: /meshagent/login?return_to=%2Fapp%2Fx\r\n"), protectedReply);
    }

    private String rawGet(String target, String... headers) throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", app.base().getPort())) {
            s.setSoTimeout(10_000);
            StringBuilder req = new StringBuilder("GET " + target + " HTTP/1.1\r\n");
            for (String h : headers) {
                req.append(h).append("\r\n");
            }
            req.append("Connection: close\r\n\r\n");
            s.getOutputStream().write(req.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void discoveryWhoseIssuerDiffersOnlyByATrailingSlashIsRefused() throws Exception {
        try (JettyApp other = JettyApp.start(base -> MeshAgentConfig.builder()
                .issuer(issuer + "/")
                .clientId("sample-client")
                .redirectUri(base + "/meshagent/callback")
                .build())) {
            HttpResponse<String> r = new Browser().get(other.uri("/meshagent/login?return_to=/app/x"),
                    "Accept", "application/json");
            assertEquals(503, r.statusCode());
            assertTrue(r.body().contains("\"reason\":\"provider_metadata_invalid\""), r.body());
            assertEquals(0, count(drain(), "/default/authorize"));
        }
    }

    @Test
    void expiredAccessTokenIsRefreshedOnceForFiftyParallelRequests() throws Exception {
        Browser b = new Browser();
        b.navigate(app.uri("/meshagent/login?return_to=/app/x"));
        assertTrue(b.get(app.uri("/app/x")).body().startsWith("hello "));
        drain();
        clock.advance(Duration.ofHours(2));

        for (HttpResponse<String> r : b.getAllAtOnce(50, app.uri("/app/token-length"), "Accept", "application/json")) {
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(Integer.parseInt(r.body()) > 0, r.body());
        }
        List<RecordedRequest> calls = drain();
        long refreshes = calls.stream().filter(r -> r.getPath().startsWith("/default/token"))
                .filter(r -> r.getBody().readUtf8().contains("grant_type=refresh_token")).count();
        assertEquals(1, refreshes, "exactly one refresh for 50 parallel requests (LD-01)");
        assertTrue(b.get(app.uri("/meshagent/session")).body().contains("\"signed_in\":true"), "session kept");
    }

    @Test
    void logoutRevokesTheRefreshTokenAndSendsTheBrowserToTheEndSessionEndpoint() throws Exception {
        Browser b = new Browser();
        b.navigate(app.uri("/meshagent/login?return_to=/app/x"));
        drain();
        assertEquals(403, b.post(app.uri("/meshagent/logout"), "Origin", "https://evil.example").statusCode());
        assertEquals(403, b.post(app.uri("/meshagent/logout")).statusCode(), "no Origin, no Sec-Fetch-Site");
        assertTrue(b.get(app.uri("/meshagent/session")).body().contains("\"signed_in\":true"), "refused logout kept session");

        HttpResponse<String> out = b.post(app.uri("/meshagent/logout?post_logout_redirect_uri=https://evil.example"),
                "Origin", app.base().toString());
        assertEquals(303, out.statusCode());
        URI endSession = Browser.location(out);
        assertTrue(endSession.toString().startsWith(issuer + "/endsession"), endSession.toString());
        Map<String, List<String>> q = Queries.parse(endSession.getRawQuery());
        assertEquals(List.of(app.uri("/").toString()), q.get("post_logout_redirect_uri"), "configured target only (RS-09)");
        assertEquals(List.of("sample-client"), q.get("client_id"));
        assertFalse(q.containsKey("id_token_hint"), "no token in a URL we build");
        RecordedRequest revoke = find(drain(), "/default/revoke");
        assertTrue(revoke.getBody().readUtf8().contains("token="));
        assertTrue(b.get(app.uri("/meshagent/session")).body().contains("\"signed_in\":false"));
        assertEquals(302, b.get(app.uri("/app/x")).statusCode());
    }

    private List<RecordedRequest> drain() {
        List<RecordedRequest> out = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            RecordedRequest r;
            try {
                r = oidc.takeRequest(200, TimeUnit.MILLISECONDS);
            } catch (RuntimeException none) {
                break;
            }
            if (r == null) {
                break;
            }
            out.add(r);
        }
        return out;
    }

    private static RecordedRequest find(List<RecordedRequest> calls, String pathPrefix) {
        return calls.stream().filter(r -> r.getPath().startsWith(pathPrefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no call to " + pathPrefix + " in " + calls));
    }

    private static long count(List<RecordedRequest> calls, String pathPrefix) {
        return calls.stream().filter(r -> r.getPath().startsWith(pathPrefix)).count();
    }
}
