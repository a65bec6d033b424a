package com.meshagent.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.filter.room.ParticipantRole;
import com.meshagent.filter.room.ParticipantToken;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import net.minidev.json.JSONObject;
import net.minidev.json.parser.JSONParser;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sample behind an OIDC provider (mock-oauth2-server) that scripts {@code email_verified}: claiming the
 * admin's email without the provider vouching for it gives neither the admin's {@code agent} role nor the
 * team room, and the participant is named by the subject id.
 */
class VerifiedEmailTest {

    /** A composed key (docs/meshagent-protocol.md §3 fixture shape), not a real credential. */
    private static final String API_KEY = "ma-Ej5FZ.ibEtOkVkJmFBdAAA-Dx4tPEtaaXiQq83vEjRWeA-s3cr3t-with-dashes";

    private MockOAuth2Server oidc;
    private SampleApp.Running app;

    @BeforeEach
    void start() throws Exception {
        oidc = new MockOAuth2Server();
        oidc.start();
        app = SampleApp.start(Map.of(
                        "PORT", "0",
                        "MESHAGENT_ISSUER", oidc.issuerUrl("default").toString(),
                        "MESHAGENT_CLIENT_ID", "sample-client",
                        "MESHAGENT_CLIENT_SECRET", "configured-secret",
                        "MESHAGENT_API_KEY", API_KEY,
                        "SAMPLE_ADMINS", "boss@example.com",
                        // a loaded CI machine can be slow to answer the first discovery request
                        "MESHAGENT_READ_TIMEOUT", "PT30S"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.stop();
        }
        oidc.shutdown();
    }

    /** Signs {@code browser} in as {@code subject} with the admin's email and {@code emailVerified} (null: no claim). */
    private HtmlPage signInAsBoss(WebClient browser, String subject, Object emailVerified) throws Exception {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("email", "boss@example.com");
        if (emailVerified != null) {
            claims.put("email_verified", emailVerified);
        }
        oidc.enqueueCallback(new DefaultOAuth2TokenCallback("default", subject, "JWT", null, claims));
        HtmlPage rooms = browser.getPage(app.uri() + "/rooms");
        assertEquals(app.uri() + "/rooms", rooms.getUrl().toString());
        return rooms;
    }

    private Page roomToken(WebClient browser, String room) throws Exception {
        WebRequest post = new WebRequest(new URL(app.uri() + "/meshagent/rooms/" + room + "/token"), HttpMethod.POST);
        post.setAdditionalHeader("Origin", app.uri().toString());
        post.setAdditionalHeader("Accept", "application/json");
        return browser.getPage(post);
    }

    private static JSONObject json(Page page) throws Exception {
        return (JSONObject) new JSONParser(JSONParser.MODE_STRICTEST).parse(page.getWebResponse().getContentAsString());
    }

    @Test
    void unverifiedAdminEmailIsNeitherAdminNorTeamMember() throws Exception {
        for (Object flag : new Object[] {false, null}) {
            String subject = "eve-" + flag;
            try (WebClient browser = Browsers.htmlUnit()) {
                HtmlPage rooms = signInAsBoss(browser, subject, flag);
                assertEquals("lobby", rooms.getElementById("suggested").asNormalizedText(), "no team-example-com");
                assertEquals(403, roomToken(browser, "finance").getWebResponse().getStatusCode(), "no admin: " + flag);
                assertEquals(403, roomToken(browser, "team-example-com").getWebResponse().getStatusCode());
                Page lobby = roomToken(browser, "lobby");
                assertEquals(200, lobby.getWebResponse().getStatusCode());
                assertEquals(subject, json(lobby).getAsString("participant_name"));
                ParticipantToken token = ParticipantToken.parseUnverified(json(lobby).getAsString("token"));
                assertEquals(ParticipantRole.USER, token.role());
                assertEquals(subject, token.name());
            }
        }
    }

    @Test
    void verifiedAdminEmailJoinsAnyRoomAsAgent() throws Exception {
        try (WebClient browser = Browsers.htmlUnit()) {
            HtmlPage rooms = signInAsBoss(browser, "boss", true);
            assertTrue(rooms.getElementById("suggested").asNormalizedText().contains("team-example-com"));
            Page finance = roomToken(browser, "finance");
            assertEquals(200, finance.getWebResponse().getStatusCode());
            assertEquals("boss@example.com", json(finance).getAsString("participant_name"));
            assertEquals(ParticipantRole.AGENT, ParticipantToken.parseUnverified(json(finance).getAsString("token")).role());
        }
    }
}
