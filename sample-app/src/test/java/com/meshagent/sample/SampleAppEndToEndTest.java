package com.meshagent.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.devserver.DevServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.Cookie;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sample app as a newcomer runs it (no provider configured: in-process devserver), driven by HtmlUnit. */
class SampleAppEndToEndTest {

    private static SampleApp.Running app;
    private static DevServer devServer;
    private static String startupOutput;

    @BeforeAll
    static void start() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        app = SampleApp.start(Map.of("PORT", "0", "MESHAGENT_DEV_PORT", "0", "SAMPLE_ADMINS", "boss@admin.example"),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        startupOutput = out.toString(StandardCharsets.UTF_8);
        devServer = app.devServer().orElseThrow();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.stop();
        }
    }

    private static String url(String path) {
        return app.uri() + path;
    }

    @Test
    void withoutClientIdTheDevServerStartsAndItsEnvLinesArePrinted() {
        DevServer.Bootstrap boot = devServer.bootstrap();
        for (String line : boot.envLines()) {
            assertTrue(startupOutput.contains(line), () -> "missing " + line.replaceAll("=.*", "=...") + " in output");
        }
        assertTrue(startupOutput.contains(app.uri() + "/meshagent/callback"), startupOutput);
    }

    @Test
    void signedOutHomeOffersSignInWithMeshAgent() throws Exception {
        try (WebClient browser = Browsers.htmlUnit()) {
            HtmlPage home = browser.getPage(url("/"));
            assertEquals(200, home.getWebResponse().getStatusCode());
            assertEquals("Sign in with MeshAgent", home.getElementById("sign-in").asNormalizedText());
            assertEquals("no-store", home.getWebResponse().getResponseHeaderValue("Cache-Control"));
            assertEquals("same-origin", home.getWebResponse().getResponseHeaderValue("Referrer-Policy"));
            String csp = home.getWebResponse().getResponseHeaderValue("Content-Security-Policy");
            assertTrue(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"), csp);
        }
    }

    @Test
    void protectedPageSendsTheBrowserToTheDevServerSignInForm() throws Exception {
        try (WebClient browser = Browsers.htmlUnit()) {
            HtmlPage page = browser.getPage(url("/rooms"));
            assertEquals(devServer.baseUri().getPort(), page.getUrl().getPort());
            assertNotNull(page.getForms().get(0).getInputByName("email"));
        }
    }

    @Test
    void signingInThroughTheDevServerFormShowsNameAndEmailOnHome() throws Exception {
        try (WebClient browser = Browsers.htmlUnit()) {
            HtmlPage home = Browsers.signIn(browser, app.uri(), "lovelace@example.com", "Ada Lovelace");
            assertEquals(url("/"), home.getUrl().toString());
            assertEquals("Ada Lovelace", home.getElementById("user-name").asNormalizedText());
            assertEquals("lovelace@example.com", home.getElementById("user-email").asNormalizedText());
            assertNotNull(home.getElementById("home-sign-out"));
            Cookie session = browser.getCookieManager().getCookie("JSESSIONID");
            assertTrue(session.isHttpOnly(), "the session cookie is HttpOnly");
            assertEquals("lax", String.valueOf(session.getSameSite()).toLowerCase(java.util.Locale.ROOT));
            assertFalse(session.isSecure(), "Secure only behind an https callback");
        }
    }

    @Test
    void roomsPageListsThePolicysSuggestedRooms() throws Exception {
        try (WebClient browser = Browsers.htmlUnit()) {
            Browsers.signIn(browser, app.uri(), "grace@navy.example.org", "Grace");
            HtmlPage rooms = browser.getPage(url("/rooms"));
            assertEquals(200, rooms.getWebResponse().getStatusCode());
            assertEquals("lobby team-navy-example-org",
                    rooms.getElementById("suggested").asNormalizedText().replace('\n', ' '));
        }
    }

    @Test
    void lookalikeDomainsHaveSeparateTeamRoomsAndEachIsDeniedTheOthers() throws Exception {
        String[][] users = {{"staff@mail.example.com", "team-mail-example-com", "team-mail--example-com"},
                {"eve@mail-example.com", "team-mail--example-com", "team-mail-example-com"}};
        for (String[] u : users) {
            try (WebClient browser = Browsers.htmlUnit()) {
                Browsers.signIn(browser, app.uri(), u[0], null);
                assertEquals("lobby " + u[1], browser.<HtmlPage>getPage(url("/rooms")).getElementById("suggested")
                        .asNormalizedText().replace('\n', ' '), u[0]);
                assertEquals(200, browser.getPage(url("/rooms/" + u[1])).getWebResponse().getStatusCode(), u[0]);
                HtmlPage other = browser.getPage(url("/rooms/" + u[2]));
                assertEquals(403, other.getWebResponse().getStatusCode(), u[0] + " in " + u[2]);
                WebRequest token = new WebRequest(new URL(url("/meshagent/rooms/" + u[2] + "/token")), HttpMethod.POST);
                token.setAdditionalHeader("Origin", app.uri().toString());
                token.setAdditionalHeader("Accept", "application/json");
                assertEquals(403, browser.getPage(token).getWebResponse().getStatusCode(), u[0] + " token for " + u[2]);
            }
        }
    }

    @Test
    void deniedRoomShowsThePolicysReasonWith403() throws Exception {
        try (WebClient browser = Browsers.htmlUnit()) {
            Browsers.signIn(browser, app.uri(), "ada@example.com", "Ada");
            HtmlPage rooms = browser.getPage(url("/rooms"));
            rooms.getHtmlElementById("room-name").type("finance");
            HtmlPage denied = rooms.getHtmlElementById("go").click();
            assertEquals(url("/rooms/finance"), denied.getUrl().toString());
            assertEquals(403, denied.getWebResponse().getStatusCode());
            String reason = denied.getElementById("denied").asNormalizedText();
            assertTrue(reason.contains("you may join lobby and team-example-com"), reason);
            assertTrue(denied.getElementById("room") == null, "a denied room loads no room client");
        }
    }

    @Test
    void allowedRoomPageCarriesNoTokenOnlyTheFiltersTokenEndpoint() throws Exception {
        try (WebClient browser = Browsers.htmlUnit()) {
            Browsers.signIn(browser, app.uri(), "ada@example.com", "Ada");
            HtmlPage room = browser.getPage(url("/rooms/lobby"));
            assertEquals(200, room.getWebResponse().getStatusCode());
            assertEquals("/meshagent/rooms/lobby/token", room.getElementById("room").getAttribute("data-token-url"));
            assertEquals("joining as user", room.getElementById("role").asNormalizedText());
            assertFalse(room.getWebResponse().getContentAsString().contains("eyJ"), "no JWT in the HTML");
        }
    }

    @Test
    void roomTokenIsMintedOnlyForASameOriginPostAndNeverForADeniedRoom() throws Exception {
        try (WebClient browser = Browsers.htmlUnit()) {
            Browsers.signIn(browser, app.uri(), "ada@example.com", "Ada");
            URL lobby = new URL(url("/meshagent/rooms/lobby/token"));

            WebRequest sameOrigin = new WebRequest(lobby, HttpMethod.POST);
            sameOrigin.setAdditionalHeader("Origin", app.uri().toString());
            sameOrigin.setAdditionalHeader("Accept", "application/json");
            Page issued = browser.getPage(sameOrigin);
            assertEquals(200, issued.getWebResponse().getStatusCode());
            assertTrue(issued.getWebResponse().getContentAsString().contains("\"room_name\":\"lobby\""));

            WebRequest crossSite = new WebRequest(lobby, HttpMethod.POST);
            crossSite.setAdditionalHeader("Origin", "https://evil.example");
            crossSite.setAdditionalHeader("Sec-Fetch-Site", "cross-site"); // what a browser sends from another site
            crossSite.setAdditionalHeader("Accept", "application/json");
            Page refused = browser.getPage(crossSite);
            assertEquals(403, refused.getWebResponse().getStatusCode());
            assertFalse(refused.getWebResponse().getContentAsString().contains("\"token\""));

            WebRequest denied = new WebRequest(new URL(url("/meshagent/rooms/finance/token")), HttpMethod.POST);
            denied.setAdditionalHeader("Origin", app.uri().toString());
            denied.setAdditionalHeader("Accept", "application/json");
            Page deniedPage = browser.getPage(denied);
            assertEquals(403, deniedPage.getWebResponse().getStatusCode());
            assertTrue(deniedPage.getWebResponse().getContentAsString().contains("room_access_denied"));
        }
    }

    @Test
    void configuredAdminJoinsAnyRoomAsAgent() throws Exception {
        try (WebClient browser = Browsers.htmlUnit()) {
            Browsers.signIn(browser, app.uri(), "boss@admin.example", "Boss");
            HtmlPage room = browser.getPage(url("/rooms/finance"));
            assertEquals(200, room.getWebResponse().getStatusCode());
            assertEquals("joining as agent", room.getElementById("role").asNormalizedText());
        }
    }

    @Test
    void typedInvalidRoomNameIsExplainedAndNotFollowed() throws Exception {
        try (WebClient browser = Browsers.htmlUnit()) {
            Browsers.signIn(browser, app.uri(), "ada@example.com", "Ada");
            HtmlPage rooms = browser.getPage(url("/rooms?name=" + "%3Cb%3EBad%20Room"));
            assertEquals(400, rooms.getWebResponse().getStatusCode());
            assertTrue(rooms.getElementById("room-name-error").asNormalizedText().startsWith("Room names are"));
            assertFalse(rooms.getWebResponse().getContentAsString().contains("<b>Bad"), "typed value is escaped");
        }
    }

    @Test
    void roomPathThatIsNotARoomNameIs404WithTheRule() throws Exception {
        try (WebClient browser = Browsers.htmlUnit()) {
            Browsers.signIn(browser, app.uri(), "ada@example.com", "Ada");
            for (String bad : new String[] {"Lobby", "-lobby", "a--b/c", "x".repeat(64)}) {
                HtmlPage page = browser.getPage(url("/rooms/" + bad));
                assertEquals(404, page.getWebResponse().getStatusCode(), bad);
                assertTrue(page.getWebResponse().getContentAsString().contains("Room names are 1 to 63"), bad);
                assertTrue(page.getElementById("room") == null, bad);
            }
        }
    }

    @Test
    void askAnswersAUserWithTheLlmProxyPermission() throws Exception {
        devServer.setMember("llm-user@example.com", Set.of("can_use_llm_proxy"));
        try (WebClient browser = Browsers.htmlUnit()) {
            Browsers.signIn(browser, app.uri(), "llm-user@example.com", "Lin");
            HtmlPage ask = browser.getPage(url("/ask"));
            ask.getHtmlElementById("prompt").type("What is a MeshAgent room?");
            HtmlPage answered = ask.getHtmlElementById("ask").click();
            assertEquals(200, answered.getWebResponse().getStatusCode());
            assertFalse(answered.getElementById("answer").asNormalizedText().isBlank());
        }
    }

    @Test
    void askExplainsWhenTheUserLacksTheLlmProxyPermission() throws Exception {
        try (WebClient browser = Browsers.htmlUnit()) {
            Browsers.signIn(browser, app.uri(), "no-llm@example.com", "Nell");
            HtmlPage ask = browser.getPage(url("/ask"));
            ask.getHtmlElementById("prompt").type("Hello?");
            HtmlPage refused = ask.getHtmlElementById("ask").click();
            assertEquals(403, refused.getWebResponse().getStatusCode());
            assertTrue(refused.getElementById("llm-denied").asNormalizedText().contains("can_use_llm_proxy"));
            assertTrue(refused.getElementById("answer") == null);
        }
    }

    @Test
    void askPostWithoutTheFormsCsrfTokenIsRefusedWithoutCallingTheProxy() throws Exception {
        devServer.setMember("csrf@example.com", Set.of("can_use_llm_proxy"));
        try (WebClient browser = Browsers.htmlUnit()) {
            Browsers.signIn(browser, app.uri(), "csrf@example.com", "C");
            WebRequest post = new WebRequest(new URL(url("/ask")), HttpMethod.POST);
            post.setRequestBody("prompt=hello&csrf=forged");
            post.setAdditionalHeader("Content-Type", "application/x-www-form-urlencoded");
            HtmlPage refused = browser.getPage(post);
            assertEquals(403, refused.getWebResponse().getStatusCode());
            assertNotNull(refused.getElementById("form-expired"));
            assertTrue(refused.getElementById("answer") == null);
            // the way on: the refusal shows the form again, with this session's real token
            HtmlForm again = refused.getForms().stream().filter(f -> f.getActionAttribute().equals("/ask")).findFirst()
                    .orElseThrow();
            assertFalse(again.getInputByName("csrf").getValue().equals("forged"));
            assertNotNull(refused.getElementById("ask"));
        }
    }

    @Test
    void providerSuppliedNameIsEscapedOnEveryPage() throws Exception {
        try (WebClient browser = Browsers.htmlUnit()) {
            HtmlPage home = Browsers.signIn(browser, app.uri(), "xss@example.com", "<img src=x onerror=alert(1)>");
            String html = home.getWebResponse().getContentAsString();
            assertFalse(html.contains("<img src=x"), "name is escaped");
            assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        }
    }

    @Test
    void signOutLeavesNoSessionAndTheOldCookieOpensNothing() throws Exception {
        try (WebClient browser = Browsers.htmlUnit()) {
            HtmlPage home = Browsers.signIn(browser, app.uri(), "ada@example.com", "Ada");
            Set<Cookie> signedInCookies = Set.copyOf(browser.getCookieManager().getCookies());
            HtmlPage after = home.getHtmlElementById("home-sign-out").click();
            assertEquals(url("/"), after.getUrl().toString());
            assertNotNull(after.getElementById("sign-in"), "home shows Sign in again");

            Page session = browser.getPage(url("/meshagent/session"));
            assertFalse(session.getWebResponse().getContentAsString().contains("ada@example.com"));
            HtmlPage rooms = browser.getPage(url("/rooms"));
            assertEquals(devServer.baseUri().getPort(), rooms.getUrl().getPort(), "signed out: sent to sign in");

            try (WebClient replay = Browsers.htmlUnit()) {
                replay.getOptions().setRedirectEnabled(false);
                signedInCookies.forEach(replay.getCookieManager()::addCookie);
                Page stale = replay.getPage(url("/rooms"));
                assertEquals(302, stale.getWebResponse().getStatusCode(), "the pre-sign-out cookie is not signed in");
            }
        }
    }

    @Test
    void staticFilesServeOnlyTheStylesheetAndTheRoomScript() throws Exception {
        try (WebClient browser = Browsers.htmlUnit()) {
            assertEquals(200, browser.getPage(url("/static/app.css")).getWebResponse().getStatusCode());
            Page script = browser.getPage(url("/static/room.js"));
            assertEquals(200, script.getWebResponse().getStatusCode());
            assertTrue(script.getWebResponse().getContentAsString().contains("meshagent-room."),
                    "the bundled client joins with the subprotocol");
            assertEquals(404, browser.getPage(url("/static/../com/meshagent/sample/SampleApp.class"))
                    .getWebResponse().getStatusCode());
            assertEquals(404, browser.getPage(url("/static/package.json")).getWebResponse().getStatusCode());
        }
    }

    @Test
    void unknownPathIs404WithoutStackTrace() throws Exception {
        try (WebClient browser = Browsers.htmlUnit()) {
            Page page = browser.getPage(url("/nope"));
            assertEquals(404, page.getWebResponse().getStatusCode());
            assertFalse(page.getWebResponse().getContentAsString().contains("Exception"));
        }
    }

}
