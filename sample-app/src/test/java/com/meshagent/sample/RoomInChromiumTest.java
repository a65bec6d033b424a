package com.meshagent.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Two real browsers (Debian's headless Chromium, two separate instances and profiles) sign in as two users,
 * join {@code lobby} with the bundled official MeshAgent JavaScript client, see each other and exchange
 * messages. Writes {@code target/room-screenshot.png}. Fails, never skips, when Chromium is missing.
 */
class RoomInChromiumTest {

    private static final Duration WAIT = Chromium.WAIT;

    @TempDir
    Path profiles;

    private SampleApp.Running app;
    private WebDriver alice;
    private WebDriver bob;

    @BeforeEach
    void start() throws Exception {
        app = SampleApp.start(Map.of("PORT", "0", "MESHAGENT_DEV_PORT", "0"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        for (WebDriver driver : new WebDriver[] {alice, bob}) {
            if (driver != null) {
                driver.quit();
            }
        }
        if (app != null) {
            app.stop();
        }
    }

    @Test
    void twoUsersInTwoBrowsersJoinTheLobbySeeEachOtherAndExchangeMessages() throws IOException {
        alice = Chromium.start(profiles.resolve("alice"));
        bob = Chromium.start(profiles.resolve("bob"));

        signInToLobby(alice, "alice@example.com", "Alice Liddell");
        signInToLobby(bob, "bob@example.org", "Bob Builder");

        waitForText(alice, By.id("participants"), "bob@example.org");
        waitForText(bob, By.id("participants"), "alice@example.com");

        assertRoomSocketCarriesNoTokenInItsUrl(alice);

        send(alice, "Hello from Alice");
        waitForText(bob, By.id("messages"), "Hello from Alice");
        send(bob, "Hi Alice, Bob here");
        waitForText(alice, By.id("messages"), "Hi Alice, Bob here");
        waitForText(alice, By.id("messages"), "Hello from Alice");

        Path shot = ((ChromeDriver) alice).getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of("target", "room-screenshot.png");
        Files.createDirectories(target.getParent());
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(target) > 10_000, "screenshot written");

        // the same room at phone width: the participant list stacks above the messages
        bob.manage().window().setSize(new Dimension(390, 844));
        Path phone = Path.of("target", "room-screenshot-phone.png");
        Files.copy(((ChromeDriver) bob).getScreenshotAs(OutputType.FILE).toPath(), phone,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** The browser opened the room websocket at /rooms/lobby with no query: the token rode in the subprotocol. */
    private static void assertRoomSocketCarriesNoTokenInItsUrl(WebDriver browser) {
        List<String> sockets = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE)) {
            String message = entry.getMessage();
            if (message.contains("\"Network.webSocketCreated\"")) {
                Matcher url = Pattern.compile("\"url\":\"(wss?://[^\"]*)\"").matcher(message);
                if (url.find()) {
                    sockets.add(url.group(1));
                }
            }
        }
        assertEquals(1, sockets.size(), sockets.toString());
        assertTrue(sockets.get(0).matches("ws://127\\.0\\.0\\.1:\\d+/rooms/lobby"), sockets.get(0));
    }

    private void signInToLobby(WebDriver browser, String email, String name) {
        browser.get(app.uri() + "/rooms/lobby");
        Chromium.signInOnDevServerForm(browser, email, name);
        Chromium.waitUntilConnected(browser);
    }

    private static void send(WebDriver browser, String text) {
        browser.findElement(By.id("message-input")).sendKeys(text);
        browser.findElement(By.id("send")).click();
    }

    private static void waitForText(WebDriver browser, By where, String text) {
        new WebDriverWait(browser, WAIT)
                .withMessage(() -> "waiting for '" + text + "' in " + where + ", page shows: "
                        + browser.findElement(By.tagName("main")).getText())
                .until(d -> d.findElement(where).getText().contains(text));
    }
}
