package com.meshagent.spring.boot.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.meshagent.devserver.DevServer;
import com.meshagent.filter.testing.Browser;
import com.meshagent.filter.testing.DevServerSignIn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A devserver for a Boot test app, with its state in a temporary directory so it can be stopped and started
 * again on the same port with the same client. The app's port is chosen (free) before either starts, so the
 * devserver can register the app's exact callback URL. Registered as a static {@code @RegisterExtension}, it stops
 * the devserver after the test class.
 */
public final class DevServerFixture implements AfterAllCallback {

    private final int appPort;
    private final Path dataDir;
    private int devPort;
    private DevServer dev;

    public DevServerFixture() {
        this.appPort = freePort();
        try {
            this.dataDir = Files.createTempDirectory("meshagent-devserver");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start();
    }

    /** Starts the devserver (again, on the same port, with the same state after {@link #stop}). */
    public void start() {
        dev = DevServer.builder().port(devPort).dataDir(dataDir).redirectUris(appBase() + "/meshagent/callback").start();
        devPort = dev.baseUri().getPort();
    }

    public void stop() {
        dev.stop();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    public DevServer dev() {
        return dev;
    }

    public URI appBase() {
        return URI.create("http://127.0.0.1:" + appPort);
    }

    public URI app(String path) {
        return appBase().resolve(path);
    }

    /** A browser signed in as {@code email} on the devserver form, from the app's login with {@code returnTo}. */
    public Browser signedIn(String returnTo, String email) throws Exception {
        Browser b = new Browser();
        HttpResponse<String> r = DevServerSignIn.signIn(b, app("/meshagent/login?return_to=" + returnTo), email);
        assertEquals(303, r.statusCode(), r.body());
        return b;
    }

    /** server.port and the three meshagent.* properties an application needs, plus the API key for rooms. */
    public void register(DynamicPropertyRegistry properties) {
        DevServer.Bootstrap boot = dev.bootstrap();
        properties.add("server.port", () -> appPort);
        properties.add("server.address", () -> "127.0.0.1");
        properties.add("meshagent.api-url", boot::apiUrl);
        properties.add("meshagent.client-id", boot::clientId);
        properties.add("meshagent.client-secret", boot::clientSecret);
        properties.add("meshagent.redirect-uri", () -> appBase() + "/meshagent/callback");
        properties.add("meshagent.api-key", boot::apiKey);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
