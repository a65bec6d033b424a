package com.meshagent.devserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OAuthClientsApiTest extends DevServerPerTest {
    private static Map<String, Object> spec(String scope, String... redirects) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("grant_types", List.of("authorization_code", "refresh_token"));
        m.put("response_types", List.of("code"));
        m.put("redirect_uris", List.of(redirects));
        m.put("scope", scope);
        m.put("metadata", Map.of("name", "My Java App"));
        m.put("official", false);
        return m;
    }

    private HttpResponse<String> create(String bearer, Object body) throws Exception {
        return flows.rest("POST", flows.project("/oauth/clients"), bearer, body);
    }

    @Test
    void createListGetUpdateDeleteRoundTripWithTheSecretOnlyOnCreate() throws Exception {
        HttpResponse<String> created = create(apiKey, spec("profile:read rooms:connect", "https://app.example/cb"));
        assertEquals(201, created.statusCode(), created.body());
        Map<String, Object> c = Flows.json(created.body());
        String id = (String) c.get("client_id");
        assertNotNull(c.get("client_secret"));
        assertEquals("profile:read rooms:connect", c.get("scope"));
        assertEquals(dev.bootstrap().projectId(), c.get("project_id"));
        assertEquals(Map.of("name", "My Java App"), c.get("metadata"));

        HttpResponse<String> list = flows.rest("GET", flows.project("/oauth/clients?count=100&offset=0"), apiKey, null);
        assertEquals(200, list.statusCode());
        assertEquals(2L, ((Number) Flows.json(list.body()).get("total")).longValue());
        assertFalse(list.body().contains((String) c.get("client_secret")));
        assertFalse(list.body().contains("client_secret\""));

        HttpResponse<String> get = flows.rest("GET", flows.project("/oauth/clients/" + id), apiKey, null);
        assertEquals(200, get.statusCode());
        assertFalse(get.body().contains((String) c.get("client_secret")));

        HttpResponse<String> update = flows.rest("PUT", flows.project("/oauth/clients/" + id), apiKey,
                Map.of("redirect_uris", List.of("https://app.example/cb2")));
        assertEquals(200, update.statusCode(), update.body());
        assertEquals(true, Flows.json(update.body()).get("ok"));
        assertEquals(List.of("https://app.example/cb2"), Flows.json(
                flows.rest("GET", flows.project("/oauth/clients/" + id), apiKey, null).body()).get("redirect_uris"));

        assertEquals(204, flows.rest("DELETE", flows.project("/oauth/clients/" + id), apiKey, null).statusCode());
        HttpResponse<String> gone = flows.rest("GET", flows.project("/oauth/clients/" + id), apiKey, null);
        assertEquals(404, gone.statusCode());
        assertEquals("not_found", Flows.restErrorCode(gone));
    }

    @Test
    void aCreatedClientSignsUsersInWithItsSecret() throws Exception {
        Map<String, Object> c = Flows.json(create(apiKey, spec("profile:read", Flows.REDIRECT)).body());
        Flows.Pkce pkce = Flows.pkce();
        Map<String, String> auth = flows.authorizeParams(pkce, "profile:read");
        auth.put("client_id", (String) c.get("client_id"));
        String code = Flows.param(flows.signIn(auth, "q@example.com"), "code");
        Map<String, String> exchange = flows.codeExchange(code, pkce);
        exchange.put("client_id", (String) c.get("client_id"));
        exchange.put("client_secret", (String) c.get("client_secret"));
        HttpResponse<String> tokens = flows.token(exchange);
        assertEquals(200, tokens.statusCode(), tokens.body());
        String at = (String) Flows.json(tokens.body()).get("access_token");

        assertEquals(204, flows.rest("DELETE", flows.project("/oauth/clients/" + c.get("client_id")), apiKey, null)
                .statusCode());
        assertEquals(401, flows.get("/accounts/profiles/me", at).statusCode());
    }

    @Test
    void aPublicClientHasNoSecretAndUsesPkceAlone() throws Exception {
        Map<String, Object> body = spec("profile:read", Flows.REDIRECT);
        body.put("token_endpoint_auth_method", "none");
        Map<String, Object> c = Flows.json(create(apiKey, body).body());
        assertNull(c.get("client_secret"));
        Flows.Pkce pkce = Flows.pkce();
        Map<String, String> auth = flows.authorizeParams(pkce, "profile:read");
        auth.put("client_id", (String) c.get("client_id"));
        Map<String, String> exchange = flows.codeExchange(Flows.param(flows.signIn(auth, "r@example.com"), "code"), pkce);
        exchange.put("client_id", (String) c.get("client_id"));
        exchange.remove("client_secret");
        assertEquals(200, flows.token(exchange).statusCode());
    }

    @Test
    void createAcceptsTheClientEnvelope() throws Exception {
        HttpResponse<String> r = create(apiKey, Map.of("client", spec("profile:read", "https://app.example/cb")));
        assertEquals(201, r.statusCode(), r.body());
    }

    @Test
    void authorizationCodeWithoutARedirectUriIs400() throws Exception {
        HttpResponse<String> r = create(apiKey, spec("profile:read"));
        assertEquals(400, r.statusCode());
        assertEquals("redirect_uri_required", Flows.restErrorCode(r));
    }

    @Test
    void badInputGetsA4xxWithAnErrorJson() throws Exception {
        Map<String, Object> unknown = spec("profile:read", "https://app.example/cb");
        unknown.put("name", "top-level name is not a field");
        assertEquals("unknown_field", Flows.restErrorCode(create(apiKey, unknown)));
        assertEquals(400, create(apiKey, unknown).statusCode());
        HttpResponse<String> malformed = create(apiKey, "{\"scope\": ");
        assertEquals(400, malformed.statusCode());
        assertEquals("invalid_json", Flows.restErrorCode(malformed));
        assertEquals(400, create(apiKey, "[1,2]").statusCode());
        assertEquals(400, create(apiKey, "[".repeat(5000)).statusCode());
        HttpResponse<String> big = create(apiKey, "{\"scope\":\"" + "a".repeat(70_000) + "\"}");
        assertEquals(413, big.statusCode());
        assertEquals("body_too_large", Flows.restErrorCode(big));
        Map<String, Object> badUri = spec("profile:read", "/relative");
        assertEquals(400, create(apiKey, badUri).statusCode());
        Map<String, Object> fragment = spec("profile:read", "https://app.example/cb#x");
        assertEquals(400, create(apiKey, fragment).statusCode());
        Map<String, Object> wrongType = spec("profile:read", "https://app.example/cb");
        wrongType.put("redirect_uris", "https://app.example/cb");
        assertEquals(400, create(apiKey, wrongType).statusCode());
        HttpResponse<String> patch = flows.rest("PATCH", flows.project("/oauth/clients"), apiKey, null);
        assertEquals(405, patch.statusCode());
        assertTrue(patch.headers().firstValue("Allow").orElse("").contains("POST"));
        assertEquals(415, flows.http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(dev.baseUri() + flows.project("/oauth/clients")))
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        // None of the refused requests left a client behind: only the bootstrap client exists.
        assertEquals(1L, ((Number) Flows.json(flows.rest("GET", flows.project("/oauth/clients"), apiKey, null).body())
                .get("total")).longValue());
    }

    @Test
    void missingOrWrongCredentialsAre401AndAnotherProjectIs404() throws Exception {
        assertEquals(401, create(null, spec("profile:read", "https://app.example/cb")).statusCode());
        String forged = apiKey.substring(0, apiKey.length() - 3) + "xyz";
        assertEquals(401, create(forged, spec("profile:read", "https://app.example/cb")).statusCode());
        assertEquals(401, create("ma-garbage", spec("profile:read", "https://app.example/cb")).statusCode());
        HttpResponse<String> other = flows.rest("GET",
                "/accounts/projects/00000000-0000-0000-0000-000000000000/oauth/clients", apiKey, null);
        assertEquals(404, other.statusCode());
    }

    @Test
    void aMemberWithoutPermissionIsForbidden() throws Exception {
        String token = flows.accessToken("plain@example.com");
        HttpResponse<String> r = create(token, spec("profile:read", "https://app.example/cb"));
        assertEquals(403, r.statusCode());
        assertEquals("forbidden", Flows.restErrorCode(r));
        assertEquals(403, flows.rest("GET", flows.project("/oauth/clients"), token, null).statusCode());
    }

    @Test
    void theLlmScopeNeedsACallerWhoMayUseTheLlmProxy() throws Exception {
        dev.setMember("manager@example.com", Set.of("oauth_client_manager"));
        String manager = flows.accessToken("manager@example.com");
        assertEquals(201, create(manager, spec("profile:read", "https://app.example/cb")).statusCode());
        HttpResponse<String> llm = create(manager, spec("profile:read llm_proxy", "https://app.example/cb"));
        assertEquals(403, llm.statusCode());
        assertEquals(403, create(manager, spec("llm:invoke", "https://app.example/cb")).statusCode());

        Map<String, Object> c = Flows.json(create(manager, spec("profile:read", "https://app.example/cb")).body());
        HttpResponse<String> upgrade = flows.rest("PUT", flows.project("/oauth/clients/" + c.get("client_id")),
                manager, Map.of("scope", "profile:read llm:invoke"));
        assertEquals(403, upgrade.statusCode());

        dev.setMember("manager@example.com", Set.of("oauth_client_manager", "can_use_llm_proxy"));
        assertEquals(201, create(manager, spec("profile:read llm_proxy", "https://app.example/cb")).statusCode());
        String admin = flows.accessToken("admin@example.com");
        assertEquals(201, create(admin, spec("llm:invoke", "https://app.example/cb")).statusCode());
        assertEquals(201, create(apiKey, spec("llm:invoke", "https://app.example/cb")).statusCode());
    }
}
