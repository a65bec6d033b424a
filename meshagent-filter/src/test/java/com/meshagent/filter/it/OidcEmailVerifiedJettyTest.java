package com.meshagent.filter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.filter.MeshAgentConfig;
import com.meshagent.filter.room.ApiScope;
import com.meshagent.filter.room.ParticipantRole;
import com.meshagent.filter.room.ParticipantToken;
import com.meshagent.filter.room.RoomAccessPolicy;
import com.meshagent.filter.room.RoomRules.Match;
import com.meshagent.filter.testing.Browser;
import com.meshagent.filter.testing.JettyApp;
import com.meshagent.testsupport.MutableClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.minidev.json.JSONObject;
import net.minidev.json.parser.JSONParser;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OIDC mode against mock-oauth2-server scripting {@code email_verified}: an email the provider does not
 * vouch for (false, absent, or the string "true") matches no email rule and never names the participant;
 * two accounts claiming the same such email get different room tokens. A verified email works as before.
 */
class OidcEmailVerifiedJettyTest {

    /** A composed key (docs/meshagent-protocol.md §3 fixture shape), not a real credential. */
    private static final String API_KEY = "ma-Ej5FZ.ibEtOkVkJmFBdAAA-Dx4tPEtaaXiQq83vEjRWeA-s3cr3t-with-dashes";

    private MockOAuth2Server oidc;
    private JettyApp app;

    @BeforeEach
    void start() throws Exception {
        oidc = new MockOAuth2Server();
        oidc.start();
        String issuer = oidc.issuerUrl("default").toString();
        // a fixed clock: two tokens for the same name, room and decision would be byte-identical
        MutableClock clock = MutableClock.atSystemTime();
        RoomAccessPolicy policy = RoomAccessPolicy.rules()
                .when(Match.emailDomain("example.com")).allow(ParticipantRole.AGENT, ApiScope.agentDefault())
                .when(Match.room("lobby")).allow(ParticipantRole.USER, ApiScope.userDefault())
                .otherwise("staff only")
                .build();
        app = JettyApp.start(base -> MeshAgentConfig.builder()
                .issuer(issuer)
                .clientId("sample-client")
                .clientSecret("client-secret")
                .redirectUri(base + "/meshagent/callback")
                .apiKey(API_KEY)
                .roomAccessPolicy(policy)
                .protectedPaths("/app/*")
                .readTimeout(Duration.ofSeconds(30)) // a loaded CI machine can be slow to answer the first discovery
                .clock(clock)
                .build());
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
        oidc.shutdown();
    }

    /** Signs a new browser in as {@code subject}, with {@code claims} in the ID token and userinfo. */
    private Browser signIn(String subject, Map<String, Object> claims) throws Exception {
        oidc.enqueueCallback(new DefaultOAuth2TokenCallback("default", subject, "JWT", null, claims));
        Browser b = new Browser();
        HttpResponse<String> callback = b.get(Browser.location(b.get(Browser.location(
                b.get(app.uri("/meshagent/login?return_to=/app/x"))))));
        assertEquals(303, callback.statusCode(), callback.body());
        assertTrue(b.get(app.uri("/meshagent/session")).body().contains("\"signed_in\":true"));
        return b;
    }

    private static Map<String, Object> email(String address, Object verified) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("email", address);
        if (verified != null) {
            claims.put("email_verified", verified);
        }
        return claims;
    }

    private HttpResponse<String> roomToken(Browser b, String room) throws Exception {
        return b.post(app.uri("/meshagent/rooms/" + room + "/token"), "Origin", app.base().toString());
    }

    private static JSONObject json(HttpResponse<String> r) throws Exception {
        return (JSONObject) new JSONParser(JSONParser.MODE_STRICTEST).parse(r.body());
    }

    @Test
    void emailVerifiedFalseMatchesNoEmailRuleAndTheParticipantIsNamedByTheSubject() throws Exception {
        assertUnverified(signIn("eve-false", email("boss@example.com", false)), "eve-false");
    }

    @Test
    void absentEmailVerifiedCountsAsUnverified() throws Exception {
        assertUnverified(signIn("eve-absent", email("boss@example.com", null)), "eve-absent");
    }

    @Test
    void theStringTrueIsNotTheBooleanTrueAndCountsAsUnverified() throws Exception {
        assertUnverified(signIn("eve-string", email("boss@example.com", "true")), "eve-string");
    }

    private void assertUnverified(Browser b, String subject) throws Exception {
        HttpResponse<String> staff = roomToken(b, "finance");
        assertEquals(403, staff.statusCode(), staff.body());
        assertTrue(staff.body().contains("staff only"), staff.body());
        HttpResponse<String> lobby = roomToken(b, "lobby");
        assertEquals(200, lobby.statusCode(), lobby.body());
        assertEquals(subject, json(lobby).getAsString("participant_name"));
        ParticipantToken t = ParticipantToken.parseUnverified(json(lobby).getAsString("token"));
        assertEquals(subject, t.name());
        assertEquals(ParticipantRole.USER, t.role(), "not the agent role the verified domain gets");
        assertFalse(t.toJson().contains("boss@example.com"));
    }

    @Test
    void twoAccountsClaimingTheSameUnverifiedEmailGetDifferentRoomTokens() throws Exception {
        Browser first = signIn("account-1", email("shared@example.org", false));
        Browser second = signIn("account-2", email("shared@example.org", null));
        JSONObject a = json(roomToken(first, "lobby"));
        JSONObject b = json(roomToken(second, "lobby"));
        assertEquals(List.of("account-1", "account-2"),
                List.of(a.getAsString("participant_name"), b.getAsString("participant_name")));
        assertNotEquals(a.getAsString("token"), b.getAsString("token"));
    }

    @Test
    void verifiedEmailMatchesTheDomainRuleAndNamesTheParticipant() throws Exception {
        Browser b = signIn("ada", email("ada@example.com", true));
        HttpResponse<String> staff = roomToken(b, "finance");
        assertEquals(200, staff.statusCode(), staff.body());
        assertEquals("ada@example.com", json(staff).getAsString("participant_name"));
        ParticipantToken t = ParticipantToken.parseUnverified(json(staff).getAsString("token"));
        assertEquals(ParticipantRole.AGENT, t.role());
        assertEquals("ada@example.com", t.name());
    }
}
