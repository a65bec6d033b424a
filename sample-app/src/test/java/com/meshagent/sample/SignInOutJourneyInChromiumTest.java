package com.meshagent.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The whole journey a user makes, in Debian's headless Chromium against the sample app and its devserver:
 * sign in on the devserver form, see the rooms, join {@code lobby}, click the real Sign out button, and find
 * the session ended. On the way, a form on another origin posts to the sign-out endpoint: it is refused, the
 * refusal page leads back to the app, and the user is still signed in.
 */
class SignInOutJourneyInChromiumTest {

    @TempDir
    Path profile;

    private SampleApp.Running app;
    private WebDriver browser;

    @BeforeEach
    void start() throws Exception {
        app = SampleApp.start(Map.of("PORT", "0", "MESHAGENT_DEV_PORT", "0"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        browser = Chromium.start(profile);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.stop();
        }
    }

    @Test
    void signInJoinTheLobbySignOutAndTheSessionIsGone() {
        String base = app.uri().toString();

        browser.get(base + "/rooms");
        Chromium.signInOnDevServerForm(browser, "journey@example.com", "June Journey");
        waitForUrl(base + "/rooms");
        assertTrue(browser.findElement(By.id("suggested")).getText().contains("lobby"), page());

        // another origin's form posts to /meshagent/logout: Chromium sends Origin: null, Sec-Fetch-Site: cross-site
        browser.get("data:text/html," + URLEncoder.encode("<form method=post action=\"" + base
                + "/meshagent/logout\"><button id=go>go</button></form>", StandardCharsets.UTF_8).replace("+", "%20"));
        browser.findElement(By.id("go")).click();
        waitForTitle("Sign-out refused");
        browser.findElement(By.linkText("Back to the application")).click();
        waitForUrl(base + "/");
        assertEquals("journey@example.com", browser.findElement(By.id("user-email")).getText(), "still signed in");

        browser.findElement(By.linkText("Rooms")).click();
        waitForUrl(base + "/rooms");
        browser.findElement(By.linkText("lobby")).click();
        waitForUrl(base + "/rooms/lobby");
        Chromium.waitUntilConnected(browser);

        browser.findElement(By.id("sign-out")).click();
        new WebDriverWait(browser, Chromium.WAIT).withMessage(() -> "sign-out did not finish: " + page())
                .until(d -> !d.findElements(By.id("sign-in")).isEmpty());
        assertEquals(base + "/", browser.getCurrentUrl());

        browser.get(base + "/meshagent/session");
        String session = browser.findElement(By.tagName("body")).getText();
        assertTrue(session.contains("\"signed_in\":false"), session);

        browser.get(base + "/rooms");
        Chromium.waitForDevServerForm(browser);
        assertTrue(!browser.getCurrentUrl().startsWith(base), "a protected page asks to sign in again");
    }

    private void waitForUrl(String url) {
        new WebDriverWait(browser, Chromium.WAIT).withMessage(() -> "expected " + url + ", got " + page())
                .until(d -> url.equals(d.getCurrentUrl()));
    }

    private void waitForTitle(String title) {
        new WebDriverWait(browser, Chromium.WAIT).withMessage(() -> "expected '" + title + "', got " + page())
                .until(d -> d.getTitle().contains(title));
    }

    private String page() {
        return browser.getCurrentUrl() + " showing: " + browser.findElement(By.tagName("body")).getText();
    }
}
