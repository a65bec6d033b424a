package com.meshagent.filter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.filter.MeshAgentConfig;
import com.meshagent.filter.internal.oauth.SingleFlightRefresher;
import com.meshagent.filter.testing.Browser;
import com.meshagent.filter.testing.DevServerApps;
import com.meshagent.filter.testing.DevServerSignIn;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/**
 * The filter in Jetty 12 against the devserver (MeshAgent mode: /oauth/authorize, /oauth/token,
 * /accounts/profiles/me), sharing one test clock: sign-in in a browser, refresh with rotation under
 * concurrency, provider faults, hostile callbacks, and the room endpoints.
 */
class MeshAgentModeJettyTest extends MeshAgentModeAppTest {

    @Override
    MeshAgentConfig.Builder settings(MeshAgentConfig.Builder meshAgentMode) {
        return meshAgentMode
                .roomAccessPolicy(DevServerApps.secretRoomsDenied(room -> "only the owners may join " + room))
                .protectedPaths("/app/*")
                .readTimeout(Duration.ofSeconds(2));
    }

    private URI login(String returnTo) {
        return app.uri("/meshagent/login?return_to=" + returnTo);
    }

    private Browser signedIn(String email) throws Exception {
        Browser b = new Browser();
        HttpResponse<String> r = DevServerSignIn.signIn(b, login("/app/home"), email);
        assertEquals(303, r.statusCode(), r.body());
        return b;
    }

    @Test
    void personSignsInOnTheDevServerPageAndTheAppSeesTheMeshAgentUser() throws Exception {
        try (WebClient web = new WebClient()) {
            HtmlPage form = web.getPage(app.uri("/app/home?tab=2").toString());
            assertTrue(form.getUrl().toString().startsWith(dev.baseUri().toString()), form.getUrl().toString());
            HtmlForm f = form.getForms().get(0);
            f.getInputByName("email").type("ada@example.com");
            org.htmlunit.Page landed = f.getButtonByName("allow").click();
            assertEquals(app.uri("/app/home?tab=2").toString(), landed.getUrl().toString());
            String text = landed.getWebResponse().getContentAsString();
            assertTrue(text.startsWith("hello "), text);
            assertTrue(text.contains("<ada@example.com>"), text);
            assertFalse(text.contains("anonymous"));
        }
    }

    @Test
    void fiftyParallelRequestsOnAnExpiredTokenCauseOneRefreshWithRotation() throws Exception {
        dev.knobs().refreshRotation(true);
        Browser b = signedIn("ada@example.com");
        clock.advance(Duration.ofHours(3));
        int before = dev.knobs().tokenRequests("refresh_token");

        for (HttpResponse<String> r : b.getAllAtOnce(50, app.uri("/app/token-length"), "Accept", "application/json")) {
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(Integer.parseInt(r.body()) > 0, r.body());
        }
        assertEquals(1, dev.knobs().tokenRequests("refresh_token") - before, "exactly one refresh (LD-01)");
        // the rotated refresh token was stored: the next expiry refreshes again, successfully (TH-04)
        clock.advance(Duration.ofHours(3));
        assertEquals(200, b.get(app.uri("/app/x"), "Accept", "application/json").statusCode());
        assertEquals(2, dev.knobs().tokenRequests("refresh_token") - before);
        assertTrue(b.get(app.uri("/meshagent/session")).body().contains("\"signed_in\":true"));
    }

    @Test
    void invalidGrantEndsTheSignInOnceWithoutRetrying() throws Exception {
        Browser b = signedIn("ada@example.com");
        dev.knobs().forceInvalidGrant(true);
        clock.advance(Duration.ofHours(3));
        int before = dev.knobs().tokenRequests("refresh_token");
        HttpResponse<String> r = b.get(app.uri("/app/x"), "Accept", "application/json");
        assertEquals(401, r.statusCode());
        assertTrue(r.body().contains("login_url"), r.body());
        assertEquals(302, b.get(app.uri("/app/x")).statusCode());
        assertEquals(1, dev.knobs().tokenRequests("refresh_token") - before, "no retry (TH-05, LD-03)");
        assertTrue(b.get(app.uri("/meshagent/session")).body().contains("\"signed_in\":false"));
    }

    @Test
    void refreshOutageKeepsTheSessionAndTheStillValidAccessToken() throws Exception {
        Browser b = signedIn("ada@example.com");
        dev.knobs().tokenEndpointFailure(503);
        // inside the refresh skew but not yet expired: the old token still serves (TH-05)
        URI session = app.uri("/meshagent/session");
        String info = b.get(session).body();
        java.time.Instant expiresAt = java.time.Instant.parse(info.replaceAll(".*\"expires_at\":\"([^\"]+)\".*", "$1"));
        clock.advance(Duration.between(clock.instant(), expiresAt.minusSeconds(10)));
        int before = dev.knobs().tokenRequests("refresh_token");
        HttpResponse<String> inSkew = b.get(app.uri("/app/x"));
        assertEquals(200, inSkew.statusCode());
        assertEquals(before + 1, dev.knobs().tokenRequests("refresh_token"), "a refresh was tried and failed");

        clock.advance(Duration.ofHours(3));
        HttpResponse<String> expired = b.get(app.uri("/app/x"), "Accept", "application/json");
        assertEquals(503, expired.statusCode(), expired.body());
        assertTrue(expired.body().contains("\"reason\":\"provider_unavailable\""), expired.body());
        HttpResponse<String> page = b.get(app.uri("/app/x"));
        assertEquals(503, page.statusCode());
        assertTrue(page.body().contains("Retry"), page.body());
        assertFalse(page.body().contains("Exception"), "no stack trace");

        HttpResponse<String> roomDuringOutage = b.post(app.uri("/meshagent/rooms/lobby/token"), "Origin", app.base().toString());
        assertEquals(503, roomDuringOutage.statusCode(), roomDuringOutage.body());
        assertTrue(roomDuringOutage.body().contains("\"reason\":\"provider_unavailable\""), "not a sign-in prompt");
        int duringOutage = dev.knobs().tokenRequests("refresh_token");
        assertEquals(503, b.get(app.uri("/app/x")).statusCode());
        assertEquals(duringOutage, dev.knobs().tokenRequests("refresh_token"),
                "within the back-off a failing provider is not asked again");
        dev.knobs().tokenEndpointFailure(0);
        clock.advance(SingleFlightRefresher.FAILURE_BACKOFF);
        assertEquals(200, b.get(app.uri("/app/x")).statusCode(), "session survived the outage");
        assertTrue(b.get(session).body().contains("\"signed_in\":true"));
    }

    @Test
    void slowOrFailingTokenEndpointGivesAFriendlyPageAndTryAgainStartsAFreshFlow() throws Exception {
        Browser b = new Browser();
        dev.knobs().tokenEndpointDelay(Duration.ofSeconds(3));
        URI callback = DevServerSignIn.callbackFor(b, login("/app/home"), "ada@example.com");
        HttpResponse<String> slow = b.get(callback);
        assertEquals(502, slow.statusCode());
        assertTrue(slow.body().contains("Try again"), slow.body());
        assertFalse(slow.body().contains("Exception") || slow.body().contains("at com."), "no stack trace");
        dev.knobs().reset();
        assertEquals(400, b.get(callback).statusCode(), "the flow was consumed: replaying it sends nothing (FT-01)");
        assertEquals(0, dev.knobs().tokenRequests("authorization_code"), "counted since the reset");

        Browser c = new Browser();
        dev.knobs().tokenEndpointFailure(500);
        HttpResponse<String> failing = c.get(DevServerSignIn.callbackFor(c, login("/app/home"), "ada@example.com"));
        assertEquals(502, failing.statusCode());
        dev.knobs().reset();
        HttpResponse<String> again = DevServerSignIn.signIn(c, login("/app/home"), "ada@example.com");
        assertEquals(303, again.statusCode());
        assertEquals("/app/home", again.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void providerErrorIsShownEscapedWithoutATokenRequest() throws Exception {
        Browser b = new Browser();
        HttpResponse<String> login = b.get(login("/app/home"));
        String state = com.meshagent.filter.testing.Queries.parse(Browser.location(login).getRawQuery()).get("state").get(0);
        HttpResponse<String> r = b.get(app.uri("/meshagent/callback?state=" + state
                + "&error=%3Cscript%3Ealert(1)%3C/script%3E&error_description=%3Cimg%20src=x%20onerror=alert(1)%3E"));
        assertEquals(400, r.statusCode());
        assertFalse(r.body().contains("<script>") || r.body().contains("<img"), r.body());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        assertEquals(0, dev.knobs().tokenRequests("authorization_code"));
        // the state was consumed (PV-21): replaying it with a code does nothing
        assertEquals(400, b.get(app.uri("/meshagent/callback?state=" + state + "&code=abc")).statusCode());
        assertEquals(0, dev.knobs().tokenRequests("authorization_code"));

        dev.knobs().authorizeError("access_denied");
        HttpResponse<String> denied = b.navigate(login("/app/home"));
        assertEquals(403, denied.statusCode());
        assertTrue(denied.body().contains("access_denied"), denied.body());
    }

    @Test
    void hostileCallbacksAreRefusedWithoutTokenRequestOrSessionChange() throws Exception {
        Browser b = new Browser();
        URI real = DevServerSignIn.callbackFor(b, login("/app/home"), "ada@example.com");
        String query = real.getRawQuery();
        assertEquals(400, b.get(app.uri("/meshagent/callback?code=abc")).statusCode(), "no state (SC-01)");
        assertEquals(400, b.get(app.uri("/meshagent/callback?" + query + "&" + query)).statusCode(), "repeated params");
        assertEquals(400, b.get(app.uri("/meshagent/callback?state=forged&code=abc")).statusCode(), "unknown state");
        assertEquals(0, dev.knobs().tokenRequests("authorization_code"));
        assertEquals(303, b.get(real).statusCode(), "the genuine flow still completes after the hostile attempts");
    }

    @Test
    void attackersCodeWithTheVictimsStateFailsAtThePkceCheck() throws Exception {
        Browser attacker = new Browser();
        URI attackerCallback = DevServerSignIn.callbackFor(attacker, login("/app/home"), "mallory@example.com");
        String attackerCode = com.meshagent.filter.testing.Queries.parse(attackerCallback.getRawQuery()).get("code").get(0);
        Browser victim = new Browser();
        URI victimCallback = DevServerSignIn.callbackFor(victim, login("/app/home"), "ada@example.com");
        String victimState = com.meshagent.filter.testing.Queries.parse(victimCallback.getRawQuery()).get("state").get(0);

        HttpResponse<String> injected = victim.get(app.uri("/meshagent/callback?state=" + victimState + "&code=" + attackerCode));
        assertEquals(400, injected.statusCode(), injected.body());
        assertTrue(victim.get(app.uri("/meshagent/session")).body().contains("\"signed_in\":false"), "SC-04");
        assertEquals(400, victim.get(victimCallback).statusCode(), "the victim's flow was consumed");
        // login CSRF (SC-03): the attacker's callback in the victim's browser signs nobody in
        assertEquals(400, victim.get(attackerCallback).statusCode());
        assertTrue(victim.get(app.uri("/meshagent/session")).body().contains("\"signed_in\":false"));
    }

    @Test
    void expiredPendingSignInOffersARestartToTheOriginalTarget() throws Exception {
        Browser b = new Browser();
        URI callback = DevServerSignIn.callbackFor(b, login("/app/reports"), "ada@example.com");
        clock.advance(Duration.ofMinutes(11));
        HttpResponse<String> r = b.get(callback);
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("Sign-in expired"), r.body());
        assertTrue(r.body().contains("/meshagent/login?return_to=%2Fapp%2Freports"), r.body());
        assertEquals(0, dev.knobs().tokenRequests("authorization_code"), "SC-06");
    }

    @Test
    void secondUserInTheSameBrowserReplacesTheFirstCompletely() throws Exception {
        Browser b = signedIn("ada@example.com");
        String first = b.sessionId(app.base()).orElseThrow();
        String adaPage = b.get(app.uri("/app/x")).body();
        assertEquals(303, DevServerSignIn.signIn(b, login("/app/home"), "bob@example.com").statusCode());
        String bobPage = b.get(app.uri("/app/x")).body();
        assertTrue(bobPage.contains("<bob@example.com>"), bobPage);
        assertNotEquals(adaPage, bobPage);
        assertNotEquals(first, b.sessionId(app.base()).orElseThrow(), "new session for the new identity (SC-08)");
        assertTrue(new Browser().get(app.uri("/meshagent/session"), "Cookie", "JSESSIONID=" + first).body()
                .contains("\"signed_in\":false"));
    }

    @Test
    void roomTokenEndpointsWireThePolicyAndRefuseCrossOriginAndSignedOutCallers() throws Exception {
        String origin = app.base().toString();
        Browser anonymous = new Browser();
        assertEquals(401, anonymous.post(app.uri("/meshagent/rooms/team/token"), "Origin", origin).statusCode());

        Browser b = signedIn("ada@example.com");
        HttpResponse<String> ok = b.post(app.uri("/meshagent/rooms/team/token"), "Origin", origin);
        assertEquals(200, ok.statusCode(), ok.body());
        assertTrue(ok.body().contains("\"room_name\":\"team\""), ok.body());
        assertTrue(ok.body().contains("\"room_url\":\"ws://127.0.0.1:" + dev.baseUri().getPort() + "/rooms/team\""), ok.body());
        assertTrue(ok.body().contains("\"token\":\"ey"), ok.body());
        assertEquals("no-store", ok.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("nosniff", ok.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("application/json;charset=utf-8", ok.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT));

        HttpResponse<String> crossOrigin = b.post(app.uri("/meshagent/rooms/team/token"), "Origin", "https://evil.example");
        assertEquals(403, crossOrigin.statusCode());
        assertTrue(crossOrigin.body().contains("\"reason\":\"cross_origin\""), crossOrigin.body());
        assertTrue(crossOrigin.body().contains("send Origin: " + app.base()), "says what a script must send: "
                + crossOrigin.body());
        assertEquals(403, b.post(app.uri("/meshagent/rooms/team/token"), "Sec-Fetch-Site", "cross-site").statusCode());
        HttpResponse<String> byGet = b.get(app.uri("/meshagent/rooms/team/token"));
        assertEquals(405, byGet.statusCode(), "never by GET");
        assertEquals("POST", byGet.headers().firstValue("Allow").orElse(""), "the page form of a 405 names the method");
        HttpResponse<String> scriptByGet = b.get(app.uri("/meshagent/rooms/team/token"), "Accept", "application/json");
        assertEquals(405, scriptByGet.statusCode());
        assertEquals("POST", scriptByGet.headers().firstValue("Allow").orElse(""), "so does the problem document");
        HttpResponse<String> denied = b.post(app.uri("/meshagent/rooms/secret-plans/token"), "Origin", origin);
        assertEquals(403, denied.statusCode());
        assertTrue(denied.body().contains("\"reason\":\"room_access_denied\""), denied.body());
        assertTrue(denied.body().contains("only the owners may join secret-plans"), denied.body());
        HttpResponse<String> bad = b.post(app.uri("/meshagent/rooms/" + "x".repeat(300) + "/token"), "Origin", origin);
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("\"reason\":\"invalid_room_name\""), bad.body());
        assertEquals(200, b.get(app.uri("/meshagent/rooms")).statusCode());

        int used = 3; // the allowed, the denied and the invalid-name request above
        for (int i = used; i < 60; i++) {
            assertEquals(200, b.post(app.uri("/meshagent/rooms/team/token"), "Origin", origin).statusCode());
        }
        HttpResponse<String> limited = b.post(app.uri("/meshagent/rooms/team/token"), "Origin", origin);
        assertEquals(429, limited.statusCode(), "rate limited per user (TH-13)");
        assertTrue(limited.body().contains("\"reason\":\"rate_limited\""), limited.body());
        clock.advance(Duration.ofSeconds(61));
        assertEquals(200, b.post(app.uri("/meshagent/rooms/team/token"), "Origin", origin).statusCode());

        HttpResponse<String> out = b.post(app.uri("/meshagent/logout"), "Origin", origin);
        assertEquals(303, out.statusCode());
        assertEquals("/", out.headers().firstValue("Location").orElseThrow(), "MeshAgent mode: local sign-out only");
        assertEquals(401, b.post(app.uri("/meshagent/rooms/team/token"), "Origin", origin).statusCode(),
                "no token after sign-out (TH-13)");
    }
}
