package com.meshagent.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.devserver.DevServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlCheckBoxInput;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /admin}: OAuth clients of the devserver's project, for its admins only. */
class AdminPageTest {

    private static SampleApp.Running app;
    private static DevServer devServer;

    @BeforeAll
    static void start() throws Exception {
        app = SampleApp.start(Map.of("PORT", "0", "MESHAGENT_DEV_PORT", "0"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        devServer = app.devServer().orElseThrow();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.stop();
        }
    }

    private static HtmlPage signInAsAdmin(WebClient browser) throws Exception {
        Browsers.signIn(browser, app.uri(), devServer.bootstrap().adminEmail(), "Admin");
        return browser.getPage(app.uri() + "/admin");
    }

    @Test
    void nonAdminIsRefusedWithAnExplanation() throws Exception {
        try (WebClient browser = Browsers.htmlUnit()) {
            Browsers.signIn(browser, app.uri(), "member@example.com", "Member");
            HtmlPage admin = browser.getPage(app.uri() + "/admin");
            assertEquals(403, admin.getWebResponse().getStatusCode());
            assertNotNull(admin.getElementById("not-admin"));
            assertNull(admin.getElementById("clients"));
        }
    }

    @Test
    void adminSeesTheAppsOwnClientMarkedAndNotDeletable() throws Exception {
        try (WebClient browser = Browsers.htmlUnit()) {
            HtmlPage admin = signInAsAdmin(browser);
            assertEquals(200, admin.getWebResponse().getStatusCode());
            String clientId = devServer.bootstrap().clientId();
            var row = admin.querySelector("tr[data-client-id='" + clientId + "']");
            assertNotNull(row, "the bootstrapped client is listed");
            assertTrue(row.asNormalizedText().contains("this app"));
            assertFalse(admin.getWebResponse().getContentAsString().contains(devServer.bootstrap().clientSecret()),
                    "no stored secret is ever shown");
        }
    }

    @Test
    void adminCreatesAClientSeesItsSecretOnceThenEditsAndDeletesIt() throws Exception {
        try (WebClient browser = Browsers.htmlUnit()) {
            HtmlPage admin = signInAsAdmin(browser);
            HtmlForm create = admin.getHtmlElementById("create");
            create.getInputByName("name").setValue("Reporting <app>");
            create.getTextAreaByName("redirect_uris").setText("https://reports.example.com/callback");
            create.getInputByName("scope").setValue("profile:read rooms:connect");
            HtmlPage created = admin.getHtmlElementById("create-client").click();
            assertEquals(200, created.getWebResponse().getStatusCode());
            String id = created.getElementById("created-id").asNormalizedText();
            String secret = created.getElementById("created-secret").asNormalizedText();
            assertFalse(secret.isBlank());
            assertTrue(created.getElementById("created").asNormalizedText().contains("Store the secret now"));
            assertEquals("no-store", created.getWebResponse().getResponseHeaderValue("Cache-Control"));

            HtmlPage list = browser.getPage(app.uri() + "/admin");
            assertFalse(list.getWebResponse().getContentAsString().contains(secret), "the secret is shown only once");
            assertTrue(list.querySelector("tr[data-client-id='" + id + "']").asNormalizedText().contains("Reporting <app>"));

            HtmlPage edit = browser.getPage(app.uri() + "/admin/clients/" + id);
            HtmlForm form = edit.getHtmlElementById("edit");
            form.getInputByName("name").setValue("Reporting");
            ((HtmlCheckBoxInput) form.getInputByValue("refresh_token")).setChecked(false);
            HtmlPage saved = edit.getHtmlElementById("save-client").click();
            assertNotNull(saved.getElementById("updated"));
            String row = saved.querySelector("tr[data-client-id='" + id + "']").asNormalizedText();
            assertTrue(row.startsWith("Reporting"), row);

            HtmlButton delete = saved.querySelector("tr[data-client-id='" + id + "'] button[name=delete]");
            HtmlPage deleted = delete.click();
            assertNotNull(deleted.getElementById("deleted"));
            assertNull(deleted.querySelector("tr[data-client-id='" + id + "']"));
        }
    }

    @Test
    void clientWithAuthorizationCodeButNoRedirectUriIsRefusedBeforeAnythingIsSent() throws Exception {
        try (WebClient browser = Browsers.htmlUnit()) {
            HtmlPage admin = signInAsAdmin(browser);
            HtmlForm create = admin.getHtmlElementById("create");
            create.getInputByName("name").setValue("No redirect");
            HtmlPage refused = admin.getHtmlElementById("create-client").click();
            assertEquals(400, refused.getWebResponse().getStatusCode());
            assertTrue(refused.getElementById("invalid").asNormalizedText().contains("redirect URI"));
        }
    }

    @Test
    void adminPostWithoutTheCsrfTokenChangesNothing() throws Exception {
        try (WebClient browser = Browsers.htmlUnit()) {
            signInAsAdmin(browser);
            String own = devServer.bootstrap().clientId();
            WebRequest post = new WebRequest(new URL(app.uri() + "/admin/clients"), HttpMethod.POST);
            post.setAdditionalHeader("Content-Type", "application/x-www-form-urlencoded");
            post.setRequestBody("name=Forged&redirect_uris=https%3A%2F%2Fevil.example%2Fcb&grant_types=authorization_code");
            HtmlPage refused = browser.getPage(post);
            assertEquals(403, refused.getWebResponse().getStatusCode());
            assertFalse(refused.getWebResponse().getContentAsString().contains("Forged"));
            assertNotNull(refused.querySelector("tr[data-client-id='" + own + "']"));
        }
    }
}
