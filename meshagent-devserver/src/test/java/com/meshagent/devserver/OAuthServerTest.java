package com.meshagent.devserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlTextInput;
import org.htmlunit.Page;
import org.junit.jupiter.api.Test;

class OAuthServerTest extends DevServerPerTest {
    private Map<String, Object> ok(HttpResponse<String> r) throws Exception {
        assertEquals(200, r.statusCode(), r.body());
        return Flows.json(r.body());
    }

    private static void assertOAuthError(HttpResponse<String> r, int status, String error) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(error, Flows.json(r.body()).get("error"), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    }

    // ---- authorize ----

    @Test
    void htmlUnitFillsEmailAndClicksAllowAndIsRedirectedWithCodeAndState() throws Exception {
        Flows.Pkce pkce = Flows.pkce();
        try (WebClient browser = new WebClient()) {
            browser.getOptions().setRedirectEnabled(false);
            browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
            browser.getOptions().setCssEnabled(false);
            HtmlPage page = browser.getPage(dev.baseUri() + "/oauth/authorize?"
                    + Flows.form(flows.authorizeParams(pkce, "openid profile")));
            HtmlForm form = page.getForms().get(0);
            assertEquals("post", form.getMethodAttribute().toLowerCase());
            ((HtmlTextInput) form.getInputByName("email")).type("bob@example.com");
            Page after = form.getButtonByName("allow").click();
            assertEquals(303, after.getWebResponse().getStatusCode());
            String location = after.getWebResponse().getResponseHeaderValue("Location");
            assertTrue(location.startsWith(Flows.REDIRECT + "?code="), location);
            assertEquals("st-123", Flows.param(location, "state"));
            ok(flows.token(flows.codeExchange(Flows.param(location, "code"), pkce)));
        }
    }

    @Test
    void denyRedirectsBackWithAccessDeniedAndState() throws Exception {
        HttpResponse<String> page = flows.authorizeGet(flows.authorizeParams(Flows.pkce(), "profile"));
        HttpResponse<String> r = flows.answerForm(page, "", "deny");
        assertEquals(303, r.statusCode());
        String location = r.headers().firstValue("Location").orElseThrow();
        assertEquals("access_denied", Flows.param(location, "error"));
        assertEquals("st-123", Flows.param(location, "state"));
        assertNull(Flows.param(location, "code"));
    }

    @Test
    void unknownClientGetsAnErrorPageNeverARedirect() throws Exception {
        Map<String, String> p = flows.authorizeParams(Flows.pkce(), "profile");
        p.put("client_id", "no-such-client");
        HttpResponse<String> r = flows.authorizeGet(p);
        assertEquals(400, r.statusCode());
        assertTrue(r.headers().firstValue("Location").isEmpty());
        assertTrue(r.body().contains("Unknown client"));
    }

    @Test
    void unregisteredRedirectUriGetsAnErrorPageNeverARedirect() throws Exception {
        for (String evil : new String[] {"https://evil.example/cb", Flows.REDIRECT + "/", Flows.REDIRECT + "?x=1",
                "HTTP://127.0.0.1:9/callback"}) {
            Map<String, String> p = flows.authorizeParams(Flows.pkce(), "profile");
            p.put("redirect_uri", evil);
            HttpResponse<String> r = flows.authorizeGet(p);
            assertEquals(400, r.statusCode(), evil);
            assertTrue(r.headers().firstValue("Location").isEmpty(), evil);
        }
    }

    @Test
    void scopeOutsideTheClientsScopesIsRedirectedBackAsInvalidScope() throws Exception {
        HttpResponse<String> r = flows.authorizeGet(flows.authorizeParams(Flows.pkce(), "profile admin"));
        assertEquals(303, r.statusCode());
        String location = r.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(Flows.REDIRECT));
        assertEquals("invalid_scope", Flows.param(location, "error"));
        assertEquals("st-123", Flows.param(location, "state"));
    }

    @Test
    void missingOrPlainPkceIsRedirectedBackAsInvalidRequest() throws Exception {
        Map<String, String> p = flows.authorizeParams(Flows.pkce(), "profile");
        p.remove("code_challenge");
        assertEquals("invalid_request", Flows.param(flows.authorizeGet(p).headers().firstValue("Location").orElseThrow(),
                "error"));
        Map<String, String> plain = flows.authorizeParams(Flows.pkce(), "profile");
        plain.put("code_challenge_method", "plain");
        assertEquals("invalid_request", Flows.param(
                flows.authorizeGet(plain).headers().firstValue("Location").orElseThrow(), "error"));
    }

    @Test
    void responseTypeOtherThanCodeIsUnsupported() throws Exception {
        Map<String, String> p = flows.authorizeParams(Flows.pkce(), "profile");
        p.put("response_type", "token");
        assertEquals("unsupported_response_type",
                Flows.param(flows.authorizeGet(p).headers().firstValue("Location").orElseThrow(), "error"));
    }

    @Test
    void duplicatedStateParameterIsInvalidRequest() throws Exception {
        String q = Flows.form(flows.authorizeParams(Flows.pkce(), "profile")) + "&state=second";
        HttpResponse<String> r = flows.get("/oauth/authorize?" + q);
        assertEquals("invalid_request", Flows.param(r.headers().firstValue("Location").orElseThrow(), "error"));
    }

    @Test
    void formWithInvalidEmailIsShownAgainEscapedAndIssuesNoCode() throws Exception {
        HttpResponse<String> page = flows.authorizeGet(flows.authorizeParams(Flows.pkce(), "profile"));
        HttpResponse<String> r = flows.answerForm(page, "<script>alert(1)</script>", "allow");
        assertEquals(400, r.statusCode());
        assertFalse(r.body().contains("<script>alert(1)"), r.body());
        assertTrue(r.body().contains("&lt;script&gt;"));
        assertTrue(r.headers().firstValue("Location").isEmpty());
    }

    @Test
    void unknownPendingIdIsAnErrorPage() throws Exception {
        HttpResponse<String> r = flows.postForm("/oauth/authorize",
                Map.of("pending", "forged", "email", "a@example.com", "allow", "allow"));
        assertEquals(400, r.statusCode());
        assertTrue(r.headers().firstValue("Location").isEmpty());
    }

    @Test
    void authorizeErrorKnobRedirectsStraightBackWithThatError() throws Exception {
        dev.knobs().authorizeError("login_required");
        HttpResponse<String> r = flows.authorizeGet(flows.authorizeParams(Flows.pkce(), "profile"));
        assertEquals(303, r.statusCode());
        assertEquals("login_required", Flows.param(r.headers().firstValue("Location").orElseThrow(), "error"));
        dev.knobs().reset();
        assertEquals(200, flows.authorizeGet(flows.authorizeParams(Flows.pkce(), "profile")).statusCode());
    }

    // ---- token: authorization_code ----

    @Test
    void codeIsSingleUseAndItsReuseRevokesTheTokensItProduced() throws Exception {
        Flows.Pkce pkce = Flows.pkce();
        String code = flows.code(pkce, "profile", "carol@example.com");
        Map<String, Object> first = ok(flows.token(flows.codeExchange(code, pkce)));
        assertOAuthError(flows.token(flows.codeExchange(code, pkce)), 400, "invalid_grant");
        assertEquals(401, flows.get("/accounts/profiles/me", (String) first.get("access_token")).statusCode());
        assertOAuthError(flows.token(flows.refreshParams((String) first.get("refresh_token"))), 400, "invalid_grant");
    }

    @Test
    void codeExpiresAfterSixtySecondsOnTheInjectedClock() throws Exception {
        Flows.Pkce pkce = Flows.pkce();
        String code = flows.code(pkce, "profile", "dan@example.com");
        clock.advance(Duration.ofSeconds(60));
        assertOAuthError(flows.token(flows.codeExchange(code, pkce)), 400, "invalid_grant");

        Flows.Pkce pkce2 = Flows.pkce();
        String code2 = flows.code(pkce2, "profile", "dan@example.com");
        clock.advance(Duration.ofSeconds(59));
        ok(flows.token(flows.codeExchange(code2, pkce2)));
    }

    @Test
    void pkceVerifierMismatchIsInvalidGrantAndConsumesTheCode() throws Exception {
        Flows.Pkce pkce = Flows.pkce();
        String code = flows.code(pkce, "profile", "erin@example.com");
        assertOAuthError(flows.token(flows.codeExchange(code, Flows.pkce())), 400, "invalid_grant");
        assertOAuthError(flows.token(flows.codeExchange(code, pkce)), 400, "invalid_grant");
    }

    @Test
    void redirectUriMismatchAtTheTokenEndpointIsInvalidGrant() throws Exception {
        Flows.Pkce pkce = Flows.pkce();
        Map<String, String> p = flows.codeExchange(flows.code(pkce, "profile", "f@example.com"), pkce);
        p.put("redirect_uri", "http://127.0.0.1:9/other");
        assertOAuthError(flows.token(p), 400, "invalid_grant");
    }

    @Test
    void missingVerifierIsInvalidRequest() throws Exception {
        Flows.Pkce pkce = Flows.pkce();
        Map<String, String> p = flows.codeExchange(flows.code(pkce, "profile", "g@example.com"), pkce);
        p.remove("code_verifier");
        assertOAuthError(flows.token(p), 400, "invalid_request");
    }

    @Test
    void wrongClientSecretIsInvalidClient401() throws Exception {
        Flows.Pkce pkce = Flows.pkce();
        Map<String, String> p = flows.codeExchange(flows.code(pkce, "profile", "h@example.com"), pkce);
        p.put("client_secret", "wrong");
        assertOAuthError(flows.token(p), 401, "invalid_client");
        p.remove("client_secret");
        assertOAuthError(flows.token(p), 401, "invalid_client");
    }

    @Test
    void basicClientAuthenticationIsAcceptedAndMixingMethodsIsRefused() throws Exception {
        Flows.Pkce pkce = Flows.pkce();
        Map<String, String> p = flows.codeExchange(flows.code(pkce, "profile", "i@example.com"), pkce);
        p.remove("client_secret");
        String basic = Base64.getEncoder().encodeToString((dev.bootstrap().clientId() + ":"
                + java.net.URLEncoder.encode(dev.bootstrap().clientSecret(), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8));
        ok(flows.tokenWithBasicAuth(p, basic));

        Flows.Pkce pkce2 = Flows.pkce();
        Map<String, String> both = flows.codeExchange(flows.code(pkce2, "profile", "i@example.com"), pkce2);
        assertOAuthError(flows.tokenWithBasicAuth(both, basic), 400, "invalid_request");
    }

    @Test
    void jsonBodiesAreAcceptedAtTheTokenEndpoint() throws Exception {
        Flows.Pkce pkce = Flows.pkce();
        Map<String, String> p = flows.codeExchange(flows.code(pkce, "profile", "j@example.com"), pkce);
        assertNotNull(ok(flows.rest("POST", "/oauth/token", null, p)).get("access_token"));
    }

    @Test
    void malformedJsonUnknownGrantAndMissingGrantAreRfc6749Errors() throws Exception {
        assertOAuthError(flows.rest("POST", "/oauth/token", null, "{\"grant_type\":"), 400, "invalid_request");
        Map<String, String> p = new LinkedHashMap<>();
        p.put("grant_type", "password");
        p.put("client_id", dev.bootstrap().clientId());
        p.put("client_secret", dev.bootstrap().clientSecret());
        assertOAuthError(flows.token(p), 400, "unsupported_grant_type");
        p.remove("grant_type");
        assertOAuthError(flows.token(p), 400, "invalid_request");
    }

    @Test
    void oversizedBodyIs413AndWrongMethodIs405() throws Exception {
        HttpResponse<String> big = flows.postForm("/oauth/token", Map.of("grant_type", "x".repeat(70_000)));
        assertOAuthError(big, 413, "invalid_request");
        HttpResponse<String> get = flows.get("/oauth/token");
        assertOAuthError(get, 405, "invalid_request");
        assertEquals("POST", get.headers().firstValue("Allow").orElse(""));
    }

    // ---- token: refresh ----

    @Test
    void refreshRotatesAndReuseOfARotatedTokenRevokesTheWholeFamily() throws Exception {
        Map<String, Object> first = flows.tokensFor("k@example.com", "profile");
        String rt1 = (String) first.get("refresh_token");
        Map<String, Object> second = ok(flows.token(flows.refreshParams(rt1)));
        String rt2 = (String) second.get("refresh_token");
        assertNotNull(rt2);
        assertFalse(rt1.equals(rt2));
        assertEquals(200, flows.get("/accounts/profiles/me", (String) second.get("access_token")).statusCode());

        assertOAuthError(flows.token(flows.refreshParams(rt1)), 400, "invalid_grant");
        assertOAuthError(flows.token(flows.refreshParams(rt2)), 400, "invalid_grant");
        assertEquals(401, flows.get("/accounts/profiles/me", (String) second.get("access_token")).statusCode());
        assertEquals(401, flows.get("/accounts/profiles/me", (String) first.get("access_token")).statusCode());
    }

    @Test
    void withRotationOffRefreshReturnsNoNewRefreshTokenAndTheOldOneKeepsWorking() throws Exception {
        dev.knobs().refreshRotation(false);
        String rt = (String) flows.tokensFor("l@example.com", "profile").get("refresh_token");
        Map<String, Object> a = ok(flows.token(flows.refreshParams(rt)));
        assertNull(a.get("refresh_token"));
        ok(flows.token(flows.refreshParams(rt)));
        assertEquals(2, dev.knobs().tokenRequests("refresh_token"));
        assertEquals(1, dev.knobs().tokenRequests("authorization_code"));
    }

    @Test
    void refreshWithAnotherClientsTokenOrUnknownTokenIsInvalidGrant() throws Exception {
        assertOAuthError(flows.token(flows.refreshParams("not-a-token")), 400, "invalid_grant");
        Map<String, String> p = flows.refreshParams("x");
        p.remove("refresh_token");
        assertOAuthError(flows.token(p), 400, "invalid_request");
    }

    // ---- knobs ----

    @Test
    void accessTokenLifetimeKnobSetsExpiresInAndTheTokenDiesOnTheClock() throws Exception {
        dev.knobs().accessTokenLifetime(Duration.ofSeconds(30));
        Map<String, Object> t = flows.tokensFor("m@example.com", "profile");
        assertEquals(30L, ((Number) t.get("expires_in")).longValue());
        String at = (String) t.get("access_token");
        clock.advance(Duration.ofSeconds(29));
        assertEquals(200, flows.get("/accounts/profiles/me", at).statusCode());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(401, flows.get("/accounts/profiles/me", at).statusCode());
        assertTrue(dev.credentials().accessToken(at).isEmpty());
        ok(flows.token(flows.refreshParams((String) t.get("refresh_token"))));
    }

    @Test
    void tokenEndpointFailureKnobAnswersThatStatusAndCountsTheRequest() throws Exception {
        String rt = (String) flows.tokensFor("n@example.com", "profile").get("refresh_token");
        dev.knobs().tokenEndpointFailure(503);
        HttpResponse<String> r = flows.token(flows.refreshParams(rt));
        assertEquals(503, r.statusCode());
        assertEquals(1, dev.knobs().tokenRequests("refresh_token"));
        dev.knobs().tokenEndpointFailure(0);
        ok(flows.token(flows.refreshParams(rt)));
    }

    @Test
    void forceInvalidGrantKnobRefusesRefreshButNotTheCodeGrant() throws Exception {
        dev.knobs().forceInvalidGrant(true);
        Map<String, Object> t = flows.tokensFor("o@example.com", "profile");
        assertOAuthError(flows.token(flows.refreshParams((String) t.get("refresh_token"))), 400, "invalid_grant");
        dev.knobs().reset();
        assertEquals(0, dev.knobs().tokenRequests("refresh_token"));
        ok(flows.token(flows.refreshParams((String) t.get("refresh_token"))));
    }

    @Test
    void tokenEndpointDelayKnobMakesAClientWithAShortTimeoutGiveUp() throws Exception {
        String rt = (String) flows.tokensFor("p@example.com", "profile").get("refresh_token");
        dev.knobs().tokenEndpointDelay(Duration.ofSeconds(5));
        HttpRequest req = HttpRequest.newBuilder(URI.create(dev.baseUri() + "/oauth/token"))
                .timeout(Duration.ofMillis(300)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Flows.form(flows.refreshParams(rt)))).build();
        assertThrows(HttpTimeoutException.class, () -> flows.http.send(req, HttpResponse.BodyHandlers.ofString()));
        dev.knobs().tokenEndpointDelay(Duration.ZERO);
    }

    @Test
    void knobsRejectNonsense() {
        assertThrows(IllegalArgumentException.class, () -> dev.knobs().accessTokenLifetime(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> dev.knobs().tokenEndpointFailure(200));
        assertThrows(IllegalArgumentException.class, () -> dev.knobs().authorizeError("bad code&x=1"));
    }
}
