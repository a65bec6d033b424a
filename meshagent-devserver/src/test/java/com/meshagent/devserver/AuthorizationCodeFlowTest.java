package com.meshagent.devserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthorizationCodeFlowTest extends DevServerPerTest {
    @Test
    void signInOnTheFormThenCodeExchangeThenProfileIdentifiesTheUser() throws Exception {
        Flows.Pkce pkce = Flows.pkce();
        String location = flows.signIn(flows.authorizeParams(pkce, "profile llm_proxy"), "alice@example.com");
        assertTrue(location.startsWith(Flows.REDIRECT + "?"), location);
        assertEquals("st-123", Flows.param(location, "state"));
        assertEquals(dev.baseUri().toString(), Flows.param(location, "iss"));
        HttpResponse<String> token = flows.token(flows.codeExchange(Flows.param(location, "code"), pkce));
        assertEquals(200, token.statusCode(), token.body());
        assertEquals("no-store", token.headers().firstValue("Cache-Control").orElse(""));
        Map<String, Object> json = Flows.json(token.body());
        assertEquals("Bearer", json.get("token_type"));
        assertEquals(3600L, ((Number) json.get("expires_in")).longValue());
        assertNotNull(json.get("refresh_token"));
        assertEquals("profile llm_proxy", json.get("scope"));

        HttpResponse<String> me = flows.get("/accounts/profiles/me", (String) json.get("access_token"));
        assertEquals(200, me.statusCode(), me.body());
        Map<String, Object> profile = Flows.json(me.body());
        assertEquals("alice@example.com", profile.get("email"));
        assertNotNull(profile.get("id"));

        com.meshagent.devserver.tokens.Credentials.AccessTokenInfo info = dev.credentials().accessToken((String) json.get("access_token")).orElseThrow();
        assertEquals(Set.of("profile:read", "llm:invoke"), info.scopes());
        assertEquals(dev.bootstrap().projectId(), info.projectId());
        assertEquals(Set.of(), dev.credentials().permissions(info.projectId(), info.userId()));
    }
}
