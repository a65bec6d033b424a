package com.meshagent.filter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.devserver.DevServer;
import com.meshagent.filter.MeshAgentConfig;
import com.meshagent.filter.testing.Browser;
import com.meshagent.filter.testing.DevServerSignIn;
import com.meshagent.filter.testing.JettyApp;
import com.meshagent.filter.testing.TomcatApp;
import com.meshagent.testsupport.MutableClock;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The same filter in embedded Tomcat 11, under a context path: the container makes no difference. */
class TomcatContainerTest {

    private TomcatApp app;
    private MockOAuth2Server oidc;
    private DevServer dev;

    /** Starts Tomcat on 127.0.0.1:0 with the app under /shop; the port is bound before the config is made. */
    private URI startTomcat(java.util.function.Function<URI, MeshAgentConfig> configure) throws Exception {
        app = TomcatApp.start("/shop", configure, ctx -> {
            Tomcat.addServlet(ctx, "who", new JettyApp.WhoAmI());
            ctx.addServletMapping("/", "who");
        });
        return app.base();
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (oidc != null) {
            oidc.shutdown();
        }
        if (dev != null) {
            dev.close();
        }
    }

    @Test
    void oidcSignInRefreshAndLogoutWorkUnderTomcatWithAContextPath() throws Exception {
        MutableClock clock = MutableClock.atSystemTime();
        // the provider issues tokens by the clock the filter judges them by, so moving it keeps them fresh
        oidc = new MockOAuth2Server(new OAuth2Config(false, null, null, false, new OAuth2TokenProvider(clock::instant)));
        oidc.start();
        URI base = startTomcat(b -> MeshAgentConfig.builder()
                .issuer(oidc.issuerUrl("default").toString())
                .clientId("shop")
                .redirectUri(b + "/shop/meshagent/callback")
                .protectedPaths("/orders/*")
                .clock(clock)
                .build());
        Browser browser = new Browser();
        HttpResponse<String> unsigned = browser.get(base.resolve("/shop/orders/7"));
        assertEquals(302, unsigned.statusCode());
        assertEquals("/shop/meshagent/login?return_to=%2Forders%2F7", unsigned.headers().firstValue("Location").orElseThrow());

        oidc.enqueueCallback(new DefaultOAuth2TokenCallback("default", "grace"));
        HttpResponse<String> login = browser.get(Browser.location(unsigned));
        List<String> cookies = login.headers().allValues("Set-Cookie");
        assertTrue(cookies.stream().anyMatch(c -> c.startsWith("JSESSIONID=") && c.contains("HttpOnly")
                && c.contains("SameSite=Lax") && !c.contains("Domain")), cookies.toString());
        String before = browser.sessionId(base).orElseThrow();
        HttpResponse<String> callback = browser.get(Browser.location(browser.get(Browser.location(login))));
        assertEquals(303, callback.statusCode(), callback.body());
        assertEquals("/shop/orders/7", callback.headers().firstValue("Location").orElseThrow());
        assertNotEquals(before, browser.sessionId(base).orElseThrow());
        assertEquals("hello grace <null> at /shop/orders/7", browser.get(base.resolve("/shop/orders/7")).body());

        clock.advance(Duration.ofHours(2));
        HttpResponse<String> refreshed = browser.get(base.resolve("/shop/orders/token-length"));
        assertEquals(200, refreshed.statusCode());
        assertTrue(Integer.parseInt(refreshed.body()) > 0);

        HttpResponse<String> out = browser.post(base.resolve("/shop/meshagent/logout"), "Origin", base.toString());
        assertEquals(303, out.statusCode());
        assertTrue(Browser.location(out).getRawQuery().contains("post_logout_redirect_uri=http%3A%2F%2F127.0.0.1%3A"
                + base.getPort() + "%2Fshop%2F"), Browser.location(out).toString());
        assertEquals(302, browser.get(base.resolve("/shop/orders/7")).statusCode());
    }

    @Test
    void meshAgentModeSignInWorksUnderTomcat() throws Exception {
        MutableClock clock = MutableClock.atSystemTime();
        URI base = startTomcat(b -> {
            dev = DevServer.builder().port(0).clock(clock).redirectUris(b + "/shop/meshagent/callback").start();
            return MeshAgentConfig.builder()
                    .apiUrl(dev.bootstrap().apiUrl())
                    .clientId(dev.bootstrap().clientId())
                    .clientSecret(dev.bootstrap().clientSecret())
                    .redirectUri(b + "/shop/meshagent/callback")
                    .clock(clock)
                    .build();
        });
        Browser browser = new Browser();
        HttpResponse<String> r = DevServerSignIn.signIn(browser, base.resolve("/shop/meshagent/login?return_to=/x"),
                "lin@example.com");
        assertEquals(303, r.statusCode(), r.body());
        assertEquals("/shop/x", r.headers().firstValue("Location").orElseThrow());
        String page = browser.get(base.resolve("/shop/x")).body();
        assertTrue(page.contains("<lin@example.com>"), page);
        HttpResponse<String> session = browser.get(base.resolve("/shop/meshagent/session"));
        assertTrue(session.body().contains("\"email\":\"lin@example.com\""), session.body());
        assertFalse(session.body().contains("token"), session.body());
        HttpResponse<String> rooms = browser.post(base.resolve("/shop/meshagent/rooms/team/token"), "Origin", base.toString());
        assertEquals(503, rooms.statusCode());
        assertTrue(rooms.body().contains("MESHAGENT_API_KEY"), rooms.body());
        assertTrue(rooms.body().contains("\"reason\":\"rooms_not_configured\""), rooms.body());
    }
}
