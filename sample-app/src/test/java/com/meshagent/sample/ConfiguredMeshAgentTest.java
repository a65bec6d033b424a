package com.meshagent.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.devserver.DevServer;
import com.meshagent.filter.admin.MeshAgentApi;
import com.meshagent.filter.admin.OAuthClientSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MeshAgent mode with every docs/design.md §3 variable set, pointing at a MeshAgent the app did not start (a
 * devserver standing in for api.meshagent.com): the app uses it for sign-in, rooms and the LLM proxy.
 */
class ConfiguredMeshAgentTest {

    private DevServer meshagent;
    private SampleApp.Running app;
    private String output;

    @BeforeEach
    void start() throws Exception {
        meshagent = DevServer.builder().port(0).start();
        DevServer.Bootstrap boot = meshagent.bootstrap();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        app = SampleApp.start(Map.of(
                        "PORT", "0",
                        "MESHAGENT_API_URL", boot.apiUrl(),
                        "MESHAGENT_CLIENT_ID", boot.clientId(),
                        "MESHAGENT_CLIENT_SECRET", boot.clientSecret(),
                        "MESHAGENT_PROJECT_ID", boot.projectId(),
                        "MESHAGENT_API_KEY", boot.apiKey()),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        output = out.toString(StandardCharsets.UTF_8);
        // What a developer does once in Studio: register the app's callback on the client.
        MeshAgentApi.builder().apiUrl(URI.create(boot.apiUrl())).apiKey(boot.apiKey()).build()
                .updateOAuthClient(boot.projectId(), boot.clientId(), new OAuthClientSpec(null, null,
                        List.of(app.uri() + "/meshagent/callback"), null, null, null));
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.stop();
        }
        meshagent.stop();
    }

    @Test
    void configuredMeshAgentIsUsedForSignInRoomsAndAskWithoutAnInProcessDevServer() throws Exception {
        assertTrue(app.devServer().isEmpty());
        assertTrue(output.contains("signing in through " + meshagent.bootstrap().apiUrl() + "; no devserver started."),
                output);
        assertFalse(output.contains(meshagent.bootstrap().clientSecret()), "no secret printed");
        assertFalse(output.contains(meshagent.bootstrap().apiKey()), "no API key printed");
        try (WebClient browser = Browsers.htmlUnit()) {
            HtmlPage form = browser.getPage(app.uri() + "/rooms/lobby");
            assertEquals(meshagent.baseUri().getPort(), form.getUrl().getPort(), "sign-in at the configured MeshAgent");
            HtmlPage room = Browsers.submitSignInForm(form, meshagent.bootstrap().adminEmail(), "Admin");
            assertEquals(app.uri() + "/rooms/lobby", room.getUrl().toString());
            assertEquals("joining as user", room.getElementById("role").asNormalizedText());

            HtmlPage ask = browser.getPage(app.uri() + "/ask");
            ask.getHtmlElementById("prompt").type("ping");
            HtmlPage answered = ask.getHtmlElementById("ask").click();
            assertEquals(200, answered.getWebResponse().getStatusCode());
            assertFalse(answered.getElementById("answer").asNormalizedText().isBlank());
        }
    }
}
