package com.meshagent.devserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.devserver.tokens.ParticipantTokenVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Members and roles, external OAuth registrations, participant tokens, profiles. */
class ProjectApiTest extends DevServerPerTest {
    // ---- profiles ----

    @Test
    void whoamiTellsUsersFromApiKeysAndProfileNeedsAUser() throws Exception {
        Map<String, Object> user = Flows.json(flows.get("/accounts/whoami", flows.accessToken("s@example.com")).body());
        assertEquals("user", user.get("type"));
        assertEquals("s@example.com", user.get("email"));
        Map<String, Object> key = Flows.json(flows.get("/accounts/whoami", apiKey).body());
        assertEquals("service_account", key.get("type"));
        assertEquals(403, flows.get("/accounts/profiles/me", apiKey).statusCode());
        assertEquals(401, flows.get("/accounts/profiles/me").statusCode());
        assertEquals(401, flows.get("/accounts/whoami", "nope").statusCode());
        assertEquals(405, flows.rest("POST", "/accounts/profiles/me", apiKey, Map.of()).statusCode());
    }

    @Test
    void unknownPathsAre404Json() throws Exception {
        HttpResponse<String> r = flows.get("/accounts/nothing-here");
        assertEquals(404, r.statusCode());
        assertEquals("not_found", Flows.restErrorCode(r));
    }

    // ---- members and roles ----

    @Test
    void roleTellsAdminsFromMembers() throws Exception {
        Map<String, Object> admin = Flows.json(flows.rest("GET", flows.project("/role"),
                flows.accessToken("admin@example.com"), null).body());
        assertEquals("admin", admin.get("role"));
        assertTrue(((List<?>) admin.get("permissions")).containsAll(List.of("admin", "can_use_llm_proxy")));
        Map<String, Object> member = Flows.json(flows.rest("GET", flows.project("/role"),
                flows.accessToken("dev@example.com"), null).body());
        assertEquals("member", member.get("role"));
        assertEquals(List.of(), member.get("permissions"));
        assertEquals("admin", Flows.json(flows.rest("GET", flows.project("/role"), apiKey, null).body()).get("role"));
        assertEquals(401, flows.rest("GET", flows.project("/role"), null, null).statusCode());
        assertEquals(404, flows.rest("GET", "/accounts/projects/nope/role", apiKey, null).statusCode());
    }

    @Test
    void adminsManageMembersAndPermissionsTakeEffect() throws Exception {
        String admin = flows.accessToken("admin@example.com");
        String devToken = flows.accessToken("dev@example.com");
        HttpResponse<String> put = flows.rest("PUT", flows.project("/members/dev@example.com"), admin,
                Map.of("permissions", List.of("can_use_llm_proxy")));
        assertEquals(200, put.statusCode(), put.body());
        Map<String, Object> role = Flows.json(flows.rest("GET", flows.project("/role"), devToken, null).body());
        assertEquals(List.of("can_use_llm_proxy"), role.get("permissions"));
        String userId = (String) Flows.json(put.body()).get("user_id");
        assertEquals(Set.of("can_use_llm_proxy"), dev.credentials().permissions(dev.bootstrap().projectId(), userId));

        HttpResponse<String> list = flows.rest("GET", flows.project("/members"), admin, null);
        assertEquals(2L, ((Number) Flows.json(list.body()).get("total")).longValue());
        assertEquals(200, flows.rest("GET", flows.project("/members/" + userId), admin, null).statusCode());

        assertEquals(403, flows.rest("GET", flows.project("/members"), devToken, null).statusCode());
        assertEquals(403, flows.rest("PUT", flows.project("/members/x@example.com"), devToken,
                Map.of("permissions", List.of("admin"))).statusCode());
        HttpResponse<String> unknownPerm = flows.rest("PUT", flows.project("/members/dev@example.com"), admin,
                Map.of("permissions", List.of("root")));
        assertEquals(400, unknownPerm.statusCode());
        assertEquals("unknown_permission", Flows.restErrorCode(unknownPerm));
        assertEquals(400, flows.rest("PUT", flows.project("/members/dev@example.com"), admin,
                Map.of("permissions", List.of(), "role", "admin")).statusCode());

        assertEquals(204, flows.rest("DELETE", flows.project("/members/dev@example.com"), admin, null).statusCode());
        assertEquals(403, flows.rest("GET", flows.project("/role"), devToken, null).statusCode());
        assertEquals(404, flows.rest("GET", flows.project("/members/dev@example.com"), admin, null).statusCode());
        assertEquals(404, flows.rest("DELETE", flows.project("/members/nobody@example.com"), admin, null).statusCode());
    }

    @Test
    void theLastAdminCannotBeDemotedOrRemoved() throws Exception {
        String admin = flows.accessToken("admin@example.com");
        HttpResponse<String> demote = flows.rest("PUT", flows.project("/members/admin@example.com"), admin,
                Map.of("permissions", List.of()));
        assertEquals(409, demote.statusCode());
        assertEquals("last_admin", Flows.restErrorCode(demote));
        assertEquals(409, flows.rest("DELETE", flows.project("/members/admin@example.com"), admin, null).statusCode());
        assertEquals("admin", Flows.json(flows.rest("GET", flows.project("/role"), admin, null).body()).get("role"));
    }

    // ---- external OAuth registrations ----

    private static Map<String, Object> registration(String clientId) {
        Map<String, Object> oauth = new LinkedHashMap<>();
        oauth.put("client_id", clientId);
        oauth.put("client_secret", "ext-secret-value");
        oauth.put("authorization_endpoint", "https://provider.example/authorize");
        oauth.put("token_endpoint", "https://provider.example/token");
        oauth.put("no_pkce", false);
        oauth.put("scopes", List.of("read", "write"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("oauth", oauth);
        body.put("client_id", clientId);
        body.put("client_secret", "ext-secret-value");
        body.put("delegated_to", null);
        return body;
    }

    @Test
    void projectAndRoomRegistrationsAreSeparateAndListsHideSecrets() throws Exception {
        HttpResponse<String> p = flows.rest("POST", flows.project("/external-oauth"), apiKey, registration("abc"));
        assertTrue(p.statusCode() / 100 == 2, p.body());
        String pid = (String) Flows.json(p.body()).get("id");
        HttpResponse<String> r = flows.rest("POST", flows.project("/rooms/my-room/external-oauth"), apiKey,
                registration("room-client"));
        String rid = (String) Flows.json(r.body()).get("id");

        HttpResponse<String> projectList = flows.rest("GET", flows.project("/external-oauth"), apiKey, null);
        assertEquals(200, projectList.statusCode());
        List<?> regs = (List<?>) Flows.json(projectList.body()).get("registrations");
        assertEquals(1, regs.size());
        assertTrue(projectList.body().contains(pid));
        assertFalse(projectList.body().contains("ext-secret-value"));
        List<?> roomRegs = (List<?>) Flows.json(flows.rest("GET", flows.project("/rooms/my-room/external-oauth"),
                apiKey, null).body()).get("registrations");
        assertEquals(1, roomRegs.size());

        Map<String, Object> changed = registration("abc2");
        assertEquals(200, flows.rest("PUT", flows.project("/external-oauth/" + pid), apiKey, changed).statusCode());
        assertTrue(flows.rest("GET", flows.project("/external-oauth"), apiKey, null).body().contains("abc2"));
        // a room registration is not reachable through the project path, and vice versa
        assertEquals(404, flows.rest("DELETE", flows.project("/external-oauth/" + rid), apiKey, null).statusCode());
        assertEquals(404, flows.rest("DELETE", flows.project("/rooms/my-room/external-oauth/" + pid), apiKey, null)
                .statusCode());
        assertEquals(204, flows.rest("DELETE", flows.project("/rooms/my-room/external-oauth/" + rid), apiKey, null)
                .statusCode());
        assertEquals(204, flows.rest("DELETE", flows.project("/external-oauth/" + pid), apiKey, null).statusCode());
        assertEquals(0, ((List<?>) Flows.json(flows.rest("GET", flows.project("/external-oauth"), apiKey, null)
                .body()).get("registrations")).size());
    }

    @Test
    void registrationBadInputIsRefused() throws Exception {
        Map<String, Object> extraOauthKey = registration("abc");
        @SuppressWarnings("unchecked")
        Map<String, Object> oauth = (Map<String, Object>) extraOauthKey.get("oauth");
        oauth.put("surprise", true);
        assertEquals(400, flows.rest("POST", flows.project("/external-oauth"), apiKey, extraOauthKey).statusCode());
        Map<String, Object> noToken = registration("abc");
        @SuppressWarnings("unchecked")
        Map<String, Object> o2 = (Map<String, Object>) noToken.get("oauth");
        o2.remove("token_endpoint");
        assertEquals(400, flows.rest("POST", flows.project("/external-oauth"), apiKey, noToken).statusCode());
        Map<String, Object> badUrl = registration("abc");
        @SuppressWarnings("unchecked")
        Map<String, Object> o3 = (Map<String, Object>) badUrl.get("oauth");
        o3.put("token_endpoint", "javascript:alert(1)");
        assertEquals(400, flows.rest("POST", flows.project("/external-oauth"), apiKey, badUrl).statusCode());
        assertEquals(400, flows.rest("POST", flows.project("/rooms/Bad_Room/external-oauth"), apiKey,
                registration("abc")).statusCode());
        assertEquals(403, flows.rest("POST", flows.project("/external-oauth"), flows.accessToken("dev@example.com"),
                registration("abc")).statusCode());
        assertEquals(404, flows.rest("PUT", flows.project("/external-oauth/missing"), apiKey, registration("abc"))
                .statusCode());
        assertEquals(0, ((List<?>) Flows.json(flows.rest("GET", flows.project("/external-oauth"), apiKey, null)
                .body()).get("registrations")).size());
    }

    @Test
    void delegatedToFiltersTheList() throws Exception {
        Map<String, Object> a = registration("a");
        a.put("delegated_to", "agent-1");
        flows.rest("POST", flows.project("/external-oauth"), apiKey, a);
        flows.rest("POST", flows.project("/external-oauth"), apiKey, registration("b"));
        List<?> only = (List<?>) Flows.json(flows.rest("GET", flows.project("/external-oauth?delegated_to=agent-1"),
                apiKey, null).body()).get("registrations");
        assertEquals(1, only.size());
    }

    // ---- participant tokens ----

    @Test
    void mintedTokensVerifyForTheRoomAndValidateReturnsTheClaims() throws Exception {
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("name", "alice@example.com");
        req.put("room_name", "my-room");
        req.put("role", "user");
        req.put("api", Map.of("llm", Map.of(), "messaging", Map.of()));
        HttpResponse<String> r = flows.rest("POST", flows.project("/participant-tokens"), apiKey, req);
        assertEquals(200, r.statusCode(), r.body());
        String jwt = (String) Flows.json(r.body()).get("token");
        SignedJWT parsed = SignedJWT.parse(jwt);
        assertEquals("HS256", parsed.getHeader().getAlgorithm().getName());
        assertEquals(null, parsed.getHeader().getKeyID());
        assertEquals(dev.bootstrap().projectId(), parsed.getJWTClaimsSet().getSubject());
        assertNotNull(parsed.getJWTClaimsSet().getExpirationTime());

        ParticipantTokenVerifier.VerifiedParticipantToken t =
                ParticipantTokenVerifier.verifyForRoom(jwt, "my-room", dev.credentials(), clock);
        assertEquals("alice@example.com", t.name());
        assertTrue(t.apiGrant("llm").isPresent());

        HttpResponse<String> v = flows.rest("POST", "/api/participant-token/validate", null, Map.of("token", jwt));
        assertEquals(200, v.statusCode(), v.body());
        assertEquals("alice@example.com", Flows.json(v.body()).get("name"));

        clock.advance(Duration.ofHours(1));
        HttpResponse<String> expired = flows.rest("POST", "/api/participant-token/validate", null, Map.of("token", jwt));
        assertEquals(401, expired.statusCode());
        assertEquals("expired", Flows.restErrorCode(expired));
    }

    @Test
    void roomConnectGivesTheCallingUserATokenForThatRoom() throws Exception {
        String token = (String) flows.tokensFor("joiner@example.com", "profile rooms:connect").get("access_token");
        HttpResponse<String> r = flows.rest("POST", flows.project("/rooms/team-a/connect"), token, Map.of());
        assertEquals(200, r.statusCode(), r.body());
        Map<String, Object> info = Flows.json(r.body());
        assertEquals("team-a", info.get("room_name"));
        assertEquals(dev.bootstrap().projectId(), info.get("project_id"));
        assertEquals(dev.baseUri().toString().replace("http:", "ws:") + "/rooms/team-a", info.get("room_url"));
        ParticipantTokenVerifier.VerifiedParticipantToken t = ParticipantTokenVerifier.verifyForRoom(
                (String) info.get("jwt"), "team-a", dev.credentials(), clock);
        assertEquals("joiner@example.com", t.name());
        assertTrue(t.apiGrant("messaging").isPresent());
        assertTrue(t.apiGrant("llm").isEmpty(), "no LLM for a member without can_use_llm_proxy");

        String noScope = flows.accessToken("joiner@example.com");
        assertEquals(403, flows.rest("POST", flows.project("/rooms/team-a/connect"), noScope, Map.of()).statusCode());
        assertEquals(400, flows.rest("POST", flows.project("/rooms/Team_A/connect"), token, Map.of()).statusCode());
        assertEquals(400, flows.rest("POST", flows.project("/rooms/team-a/connect"), token, Map.of("x", 1))
                .statusCode());
        assertEquals(403, flows.rest("POST", flows.project("/rooms/team-a/connect"), apiKey, Map.of()).statusCode());
    }

    @Test
    void explicitGrantsFormAndAnAdminUserCanMint() throws Exception {
        Map<String, Object> req = Map.of("name", "worker", "grants",
                List.of(Map.of("name", "role", "scope", "agent"), Map.of("name", "room", "scope", "room-1")));
        HttpResponse<String> r = flows.rest("POST", flows.project("/participant-tokens"),
                flows.accessToken("admin@example.com"), req);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("agent", ParticipantTokenVerifier.verifyForRoom((String) Flows.json(r.body()).get("token"),
                "room-1", dev.credentials(), clock).role());
    }

    @Test
    void mintRefusesBadInputAndUnprivilegedCallers() throws Exception {
        String path = flows.project("/participant-tokens");
        assertEquals(400, flows.rest("POST", path, apiKey, Map.of("room_name", "my-room")).statusCode());
        assertEquals(400, flows.rest("POST", path, apiKey, Map.of("name", "a", "room_name", "My Room")).statusCode());
        assertEquals(400, flows.rest("POST", path, apiKey, Map.of("name", "a", "room_name", "r", "role", "king"))
                .statusCode());
        assertEquals(400, flows.rest("POST", path, apiKey, Map.of("name", "a", "room_name", "r",
                "grants", List.of(Map.of("name", "room", "scope", "r")))).statusCode());
        assertEquals(400, flows.rest("POST", path, apiKey, Map.of("name", "a", "room_name", "r", "ttl", 5))
                .statusCode());
        assertEquals(400, flows.rest("POST", path, apiKey, Map.of("name", "a", "room_name", "r",
                "api", Map.of("secrets", Map.of("x", 1)))).statusCode());
        assertEquals(401, flows.rest("POST", path, null, Map.of("name", "a", "room_name", "r")).statusCode());
        assertEquals(403, flows.rest("POST", path, flows.accessToken("dev@example.com"),
                Map.of("name", "a", "room_name", "r")).statusCode());
    }

    @Test
    void validateRefusesTamperedUnknownAndMalformedTokens() throws Exception {
        String jwt = (String) Flows.json(flows.rest("POST", flows.project("/participant-tokens"), apiKey,
                Map.of("name", "a", "room_name", "r")).body()).get("token");
        String[] parts = jwt.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        HttpResponse<String> bad = flows.rest("POST", "/api/participant-token/validate", null, Map.of("token", tampered));
        assertEquals(401, bad.statusCode());
        assertFalse(bad.body().contains(parts[2]));
        // The protocol's interop vector is signed with a key this server does not have.
        String vector = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJuYW1lIjoiYWxpY2VAZXhhbXBsZS5jb20iLCJncmFudHMiOlt7Im5hbWUiOiJyb29tIiwic2NvcGUiOiJteS1yb29tIn1dLCJzdWIiOiIwZjFlMmQzYy00YjVhLTY5NzgtOTBhYi1jZGVmMTIzNDU2NzgiLCJraWQiOiIxMjNlNDU2Ny1lODliLTEyZDMtYTQ1Ni00MjY2MTQxNzQwMDAifQ.x";
        assertEquals(401, flows.rest("POST", "/api/participant-token/validate", null, Map.of("token", vector))
                .statusCode());
        assertEquals(400, flows.rest("POST", "/api/participant-token/validate", null, Map.of()).statusCode());
        assertEquals(400, flows.rest("POST", "/api/participant-token/validate", null, "{bad").statusCode());
        assertEquals(405, flows.rest("GET", "/api/participant-token/validate", null, null).statusCode());
    }
}
