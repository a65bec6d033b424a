package com.meshagent.filter.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium ({@code /usr/bin/chromium} driven by {@code /usr/bin/chromedriver}) for this
 * module's browser tests, with a fresh profile each. Fails, never skips, when Chromium is missing.
 */
public final class Chromium {

    public static final Duration WAIT = Duration.ofSeconds(30);
    private static final File BINARY = new File("/usr/bin/chromium");
    private static final File DRIVER = new File("/usr/bin/chromedriver");

    private Chromium() {}

    /** A new headless Chromium whose profile lives in {@code profile} (created when missing). */
    public static WebDriver start(Path profile) throws IOException {
        assertTrue(BINARY.canExecute(), "Chromium missing: apt-get install -y chromium chromium-driver");
        assertTrue(DRIVER.canExecute(), "chromedriver missing: apt-get install -y chromium chromium-driver");
        Files.createDirectories(profile);
        ChromeOptions options = new ChromeOptions().setBinary(BINARY).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile.toAbsolutePath());
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).usingAnyFreePort()
                .build(), options);
    }

    /** Waits until the browser shows the devserver's sign-in form. */
    public static void waitForDevServerForm(WebDriver browser) {
        waitFor(browser, "the devserver sign-in form", d -> !d.findElements(By.name("email")).isEmpty());
    }

    /** Fills the devserver's sign-in form (waiting for it) with {@code email} and allows. */
    public static void signInOnDevServerForm(WebDriver browser, String email) {
        waitForDevServerForm(browser);
        browser.findElement(By.name("email")).sendKeys(email);
        browser.findElement(By.name("allow")).click();
    }

    /** Waits until the browser is at {@code url}. */
    public static void waitForUrl(WebDriver browser, String url) {
        waitFor(browser, url, d -> url.equals(d.getCurrentUrl()));
    }

    /** Waits for {@code condition}; on timeout the message names {@code what} and shows the page. */
    public static void waitFor(WebDriver browser, String what, Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, WAIT)
                .withMessage(() -> "waited for " + what + "; at " + browser.getCurrentUrl() + " showing: "
                        + browser.findElement(By.tagName("body")).getText())
                .until(condition);
    }
}
