package com.meshagent.filter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.devserver.DevServer;
import com.meshagent.filter.room.ApiScope;
import com.meshagent.filter.room.ParticipantRole;
import com.meshagent.filter.room.RoomAccessPolicy;
import com.meshagent.filter.room.RoomRules.Match;
import com.meshagent.filter.testing.Chromium;
import com.meshagent.filter.testing.DevServerApps;
import com.meshagent.filter.testing.JettyApp;
import com.meshagent.filter.testing.RoomPages;
import com.meshagent.filter.testing.TomcatApp;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The sign-in/sign-out journey in Debian's headless Chromium against the filter embedded in Tomcat 11 under
 * {@code /shop}, with the devserver as MeshAgent: sign in on the devserver form, see the suggested rooms, join
 * {@code lobby} and see it connected, click Sign out on a page served with {@code Referrer-Policy:
 * no-referrer}, then find the session signed out and a protected page asking to sign in again.
 */
class TomcatChromiumJourneyTest {

    @TempDir
    Path profile;

    private DevServer dev;
    private TomcatApp app;
    private WebDriver browser;
    /** {@code Sec-Fetch-Site} and {@code Origin} of each sign-out POST, as the container received them. */
    private final List<Map<String, String>> signOuts = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
        if (dev != null) {
            dev.close();
        }
    }

    @Test
    void signInJoinTheLobbySignOutFromANoReferrerPageAndTheSessionIsGone() throws Exception {
        app = TomcatApp.start("/shop", base -> {
            dev = DevServer.builder().port(0).redirectUris(base + "/shop/meshagent/callback").start();
            return DevServerApps.meshAgentMode(dev, base + "/shop")
                    .roomAccessPolicy(RoomAccessPolicy.rules().when(Match.room("lobby"))
                            .allow(ParticipantRole.USER, ApiScope.userDefault()).suggest("lobby").build())
                    .protectedPaths("/rooms", "/rooms/*")
                    .build();
        }, this::application);
        browser = Chromium.start(profile);

        browser.get(app.uri("/rooms"));
        Chromium.signInOnDevServerForm(browser, "tomcat-journey@example.com");
        Chromium.waitForUrl(browser, app.uri("/rooms"));
        Chromium.waitFor(browser, "the suggested rooms", d -> !d.findElements(By.linkText("lobby")).isEmpty());

        browser.findElement(By.linkText("lobby")).click();
        Chromium.waitForUrl(browser, app.uri("/rooms/lobby"));
        Chromium.waitFor(browser, "the lobby connected", d -> {
            String state = d.findElement(By.id("state")).getAttribute("data-state");
            if ("failed".equals(state)) {
                throw new AssertionError("room join failed: " + d.findElement(By.id("state")).getText());
            }
            return "connected".equals(state);
        });
        assertEquals("connected to lobby as tomcat-journey@example.com", browser.findElement(By.id("state")).getText());

        browser.findElement(By.id("sign-out")).click();
        Chromium.waitForUrl(browser, app.uri("/"));
        assertTrue(browser.findElement(By.tagName("body")).getText().startsWith("hello anonymous"),
                browser.getPageSource());
        // what a real browser sends for a form POST from a no-referrer page: the filter must accept it
        assertEquals(List.of(Map.of("Sec-Fetch-Site", "same-origin", "Origin", "null")), signOuts);

        browser.get(app.uri("/meshagent/session"));
        String session = browser.findElement(By.tagName("body")).getText();
        assertTrue(session.contains("\"signed_in\":false"), session);

        browser.get(app.uri("/rooms"));
        Chromium.waitForDevServerForm(browser);
        assertTrue(browser.getCurrentUrl().startsWith(dev.baseUri().toString()), browser.getCurrentUrl());
    }

    /** The room pages, the who-am-I servlet at {@code /}, and a recorder of sign-out headers before the filter. */
    private void application(Context ctx) {
        Tomcat.addServlet(ctx, "rooms", new RoomPages());
        ctx.addServletMapping("/rooms", "rooms");
        ctx.addServletMapping("/rooms/*", "rooms");
        Tomcat.addServlet(ctx, "who", new JettyApp.WhoAmI());
        ctx.addServletMapping("/", "who");
        FilterDef def = new FilterDef();
        def.setFilterName("record-sign-outs");
        def.setFilter((Filter) (request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            if (http.getMethod().equals("POST") && http.getRequestURI().endsWith("/meshagent/logout")) {
                signOuts.add(Map.of("Sec-Fetch-Site", String.valueOf(http.getHeader("Sec-Fetch-Site")),
                        "Origin", String.valueOf(http.getHeader("Origin"))));
            }
            chain.doFilter(request, response);
        });
        ctx.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("record-sign-outs");
        map.addURLPattern("/*");
        ctx.addFilterMapBefore(map);
    }
}
