package com.meshagent.devserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bad inputs each endpoint must refuse with the right 4xx and an error JSON, nothing changed. */
class BadInputTest extends DevServerPerTest {
    private void assertRefused(HttpResponse<String> r, int status, String code) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.body());
        if (code != null) {
            assertEquals(code, Flows.restErrorCode(r), r.body());
        }
    }

    @Test
    void discoveryAndJwksRefuseWritesWithAnOAuthErrorJson() throws Exception {
        for (String path : List.of("/.well-known/openid-configuration", "/.well-known/jwks.json")) {
            for (String method : List.of("POST", "DELETE", "PUT")) {
                HttpResponse<String> r = flows.rest(method, path, null, null);
                assertEquals(405, r.statusCode(), method + " " + path);
                assertEquals("invalid_request", Flows.json(r.body()).get("error"));
                assertEquals("GET", r.headers().firstValue("Allow").orElse(""));
            }
        }
    }

    @Test
    void authorizeFormRefusesNonFormPostsAndMissingChoice() throws Exception {
        HttpResponse<String> json = flows.rest("POST", "/oauth/authorize", null, Map.of("pending", "x"));
        assertEquals(415, json.statusCode());
        HttpResponse<String> page = flows.authorizeGet(flows.authorizeParams(Flows.pkce(), "profile"));
        HttpResponse<String> noChoice = flows.postForm("/oauth/authorize",
                Map.of("pending", Flows.pendingId(page.body()), "email", "a@example.com"));
        assertEquals(400, noChoice.statusCode());
        assertTrue(noChoice.headers().firstValue("Location").isEmpty());
        assertEquals(405, flows.rest("DELETE", "/oauth/authorize", null, null).statusCode());
    }

    @Test
    void theHomePageNamesTheProjectButNoSecretAndRefusesWrites() throws Exception {
        HttpResponse<String> home = flows.get("/");
        assertEquals(200, home.statusCode());
        assertTrue(home.body().contains(dev.bootstrap().projectId()));
        assertTrue(!home.body().contains(dev.bootstrap().apiKey()) && !home.body().contains(dev.bootstrap().clientSecret()));
        assertRefused(flows.rest("POST", "/", null, Map.of()), 405, "method_not_allowed");
        assertRefused(flows.rest("DELETE", "/", null, null), 405, "method_not_allowed");
    }

    @Test
    void whoamiWithoutCredentialsIs401() throws Exception {
        HttpResponse<String> r = flows.get("/accounts/whoami");
        assertRefused(r, 401, "unauthorized");
        assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElse(""));
        assertRefused(flows.rest("GET", "/accounts/whoami", "ma-not-a-real-key", null), 401, "unauthorized");
    }

    @Test
    void clientListGetUpdateDeleteRefuseBadInput() throws Exception {
        assertRefused(flows.rest("GET", flows.project("/oauth/clients?count=0"), apiKey, null), 400, "invalid_parameter");
        assertRefused(flows.rest("GET", flows.project("/oauth/clients?offset=-1"), apiKey, null), 400, "invalid_parameter");
        assertRefused(flows.rest("GET", flows.project("/oauth/clients/missing"), apiKey, null), 404, "not_found");
        assertRefused(flows.rest("PUT", flows.project("/oauth/clients/missing"), apiKey, Map.of("scope", "a")), 404,
                "not_found");
        String bootstrap = flows.project("/oauth/clients/" + dev.bootstrap().clientId());
        assertRefused(flows.rest("PUT", bootstrap, apiKey, Map.of("client_secret", "mine")), 400, "unknown_field");
        assertRefused(flows.rest("PUT", bootstrap, apiKey, Map.of("redirect_uris", List.of())), 400,
                "redirect_uri_required");
        assertRefused(flows.rest("PUT", bootstrap, apiKey, Map.of("grant_types", List.of("password"))), 400,
                "invalid_field");
        assertRefused(flows.rest("PUT", bootstrap, apiKey, Map.of("official", true)), 403, "forbidden");
        assertRefused(flows.rest("DELETE", flows.project("/oauth/clients/missing"), apiKey, null), 404, "not_found");
        String member = flows.accessToken("m@example.com");
        assertRefused(flows.rest("DELETE", bootstrap, member, null), 403, "forbidden");
        assertRefused(flows.rest("GET", bootstrap, member, null), 403, "forbidden");
        // the bootstrap client is unchanged by all of the above
        Map<String, Object> c = Flows.json(flows.rest("GET", bootstrap, apiKey, null).body());
        assertEquals(List.of(Flows.REDIRECT), c.get("redirect_uris"));
        assertEquals(false, c.get("official"));
    }

    @Test
    void registrationListAndUpdateRefuseBadInput() throws Exception {
        String member = flows.accessToken("m@example.com");
        assertRefused(flows.rest("GET", flows.project("/external-oauth"), member, null), 403, "forbidden");
        assertRefused(flows.rest("GET", flows.project("/rooms/-bad-/external-oauth"), apiKey, null), 400,
                "invalid_room_name");
        assertRefused(flows.rest("GET", flows.project("/external-oauth"), null, null), 401, "unauthorized");
        String id = (String) Flows.json(flows.rest("POST", flows.project("/external-oauth"), apiKey,
                Map.of("connector", Map.of("server_url", "https://mcp.example/mcp"))).body()).get("id");
        assertRefused(flows.rest("PUT", flows.project("/external-oauth/" + id), apiKey, Map.of("delegated_to", "x")),
                400, "missing_field");
        assertRefused(flows.rest("PUT", flows.project("/external-oauth/" + id), apiKey, "not json"), 400,
                "invalid_json");
        assertTrue(flows.rest("GET", flows.project("/external-oauth"), apiKey, null).body().contains("mcp.example"));
    }

    @Test
    void membersRefuseBadInput() throws Exception {
        assertRefused(flows.rest("PUT", flows.project("/members/not-an-email-or-id"), apiKey,
                Map.of("permissions", List.of())), 404, "not_found");
        assertRefused(flows.rest("PUT", flows.project("/members/a@example.com"), apiKey,
                Map.of("permissions", "admin")), 400, "invalid_field");
        assertRefused(flows.rest("PUT", flows.project("/members/a@example.com"), apiKey, Map.of()), 400,
                "missing_field");
        assertRefused(flows.rest("POST", flows.project("/members"), apiKey, Map.of()), 405, "method_not_allowed");
        assertEquals(1L, ((Number) Flows.json(flows.rest("GET", flows.project("/members"), apiKey, null).body())
                .get("total")).longValue());
    }

    @Test
    void oversizedBodiesAre413EverywhereWithoutReadingThemWhole() throws Exception {
        String big = "{\"name\":\"" + "x".repeat(100_000) + "\"}";
        assertRefused(flows.rest("POST", flows.project("/participant-tokens"), apiKey, big), 413, "body_too_large");
        assertRefused(flows.rest("POST", "/api/participant-token/validate", null, big), 413, "body_too_large");
        assertRefused(flows.rest("PUT", flows.project("/members/a@example.com"), apiKey, big), 413, "body_too_large");
    }
}
