package com.meshagent.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.mockwebserver.RecordedRequest;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With the docs/design.md §3 variables set (here an OIDC issuer nobody here wrote: mock-oauth2-server) the sample
 * signs in through that provider and never starts the devserver.
 */
class ConfiguredProviderTest {

    private MockOAuth2Server oidc;
    private ServerSocket devPortHeld;
    private SampleApp.Running app;
    private String output;

    @BeforeEach
    void start() throws Exception {
        oidc = new MockOAuth2Server();
        oidc.start();
        // Hold the devserver port: if the app tried to start a devserver it could not bind and start() would fail.
        devPortHeld = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        app = SampleApp.start(Map.of(
                        "PORT", "0",
                        "MESHAGENT_DEV_PORT", String.valueOf(devPortHeld.getLocalPort()),
                        "MESHAGENT_ISSUER", oidc.issuerUrl("default").toString(),
                        "MESHAGENT_CLIENT_ID", "sample-client",
                        "MESHAGENT_CLIENT_SECRET", "configured-secret"),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        output = out.toString(StandardCharsets.UTF_8);
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.stop();
        }
        devPortHeld.close();
        oidc.shutdown();
    }

    @Test
    void configuredProviderStartsNoDevServerAndSaysSo() {
        assertTrue(app.devServer().isEmpty());
        assertTrue(output.contains("no devserver started"), output);
        assertTrue(!output.contains("configured-secret"), "the client secret is never printed");
    }

    @Test
    void signInGoesThroughTheConfiguredIssuer() throws Exception {
        oidc.enqueueCallback(new DefaultOAuth2TokenCallback("default", "alice"));
        try (WebClient browser = Browsers.htmlUnit()) {
            HtmlPage rooms = browser.getPage(app.uri() + "/rooms");
            assertEquals(app.uri() + "/rooms", rooms.getUrl().toString());
            assertEquals("lobby", rooms.getElementById("suggested").asNormalizedText());
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < 20 && !paths.contains("/default/token"); i++) { // bounded; all are recorded already
                RecordedRequest request = oidc.takeRequest(5, TimeUnit.SECONDS);
                paths.add(request.getRequestUrl().encodedPath());
            }
            assertTrue(paths.containsAll(List.of("/default/authorize", "/default/token")), paths.toString());
        }
    }

    @Test
    void withoutAnApiKeyTheRoomPageSaysWhatIsMissing() throws Exception {
        oidc.enqueueCallback(new DefaultOAuth2TokenCallback("default", "alice"));
        try (WebClient browser = Browsers.htmlUnit()) {
            HtmlPage room = browser.getPage(app.uri() + "/rooms/lobby");
            assertEquals(503, room.getWebResponse().getStatusCode());
            String notice = room.getElementById("rooms-not-configured").asNormalizedText();
            assertTrue(notice.contains("MESHAGENT_API_KEY"), notice);
            assertNotNull(room.getElementById("sign-out"));
        }
    }
}
