package com.meshagent.sample;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium ({@code /usr/bin/chromium} driven by {@code /usr/bin/chromedriver}) for the
 * sample's browser tests, one fresh profile each, with the performance log on so tests can see the network.
 * Fails, never skips, when Chromium is missing.
 */
final class Chromium {

    static final Duration WAIT = Duration.ofSeconds(30);
    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    private Chromium() {}

    /** A new headless Chromium whose profile lives in {@code profile} (created when missing). */
    static ChromeDriver start(Path profile) throws IOException {
        assertTrue(CHROMIUM.canExecute(), "Chromium missing: apt-get install -y chromium chromium-driver");
        assertTrue(CHROMEDRIVER.canExecute(), "chromedriver missing: apt-get install -y chromium chromium-driver");
        Files.createDirectories(profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,860", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 860));
        return driver;
    }

    /** Waits until the browser shows the devserver's sign-in form. */
    static void waitForDevServerForm(WebDriver browser) {
        new WebDriverWait(browser, WAIT)
                .withMessage(() -> "no devserver sign-in form at " + browser.getCurrentUrl())
                .until(d -> !d.findElements(By.name("email")).isEmpty());
    }

    /** Fills the devserver's sign-in form the browser shows now (waiting for it) and allows. */
    static void signInOnDevServerForm(WebDriver browser, String email, String name) {
        waitForDevServerForm(browser);
        browser.findElement(By.name("email")).sendKeys(email);
        browser.findElement(By.name("name")).sendKeys(name);
        browser.findElement(By.name("allow")).click();
    }

    /** Waits until the room page's {@code #state} says {@code connected}; fails at once when it says failed. */
    static void waitUntilConnected(WebDriver browser) {
        new WebDriverWait(browser, WAIT).withMessage(() -> "room not connected at " + browser.getCurrentUrl())
                .until(d -> {
                    var state = d.findElements(By.id("state"));
                    if (state.isEmpty()) {
                        return false;
                    }
                    String value = state.get(0).getAttribute("data-state");
                    if ("failed".equals(value)) {
                        throw new AssertionError("room join failed: " + state.get(0).getText());
                    }
                    return "connected".equals(value);
                });
    }
}
