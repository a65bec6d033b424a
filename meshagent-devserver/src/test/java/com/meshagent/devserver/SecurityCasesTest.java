package com.meshagent.devserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rows of docs/security-cases.md as they apply to the authorization server side. */
class SecurityCasesTest extends DevServerPerTest {
    /** PV-25: Basic credentials are form-decoded after Base64 (RFC 6749 §2.3.1), so any encoding of them works. */
    @Test
    void basicCredentialsAreFormDecodedSoFullyPercentEncodedSecretsAuthenticate() throws Exception {
        Flows.Pkce pkce = Flows.pkce();
        Map<String, String> p = flows.codeExchange(flows.code(pkce, "profile", "pv25@example.com"), pkce);
        p.remove("client_id");
        p.remove("client_secret");
        StringBuilder encodedSecret = new StringBuilder();
        for (byte b : dev.bootstrap().clientSecret().getBytes(StandardCharsets.UTF_8)) {
            encodedSecret.append('%').append(String.format("%02X", b));
        }
        String basic = Base64.getEncoder().encodeToString((dev.bootstrap().clientId() + ":" + encodedSecret)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = flows.tokenWithBasicAuth(p, basic);
        assertEquals(200, r.statusCode(), r.body());

        String noColon = Base64.getEncoder().encodeToString("no-colon".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> bad = flows.tokenWithBasicAuth(
                Map.of("grant_type", "refresh_token", "refresh_token", "x"), noColon);
        assertEquals(401, bad.statusCode());
        assertTrue(bad.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
    }

    /** TH-01: a bearer token in the query string is never accepted. */
    @Test
    void accessTokensInTheQueryStringAreIgnored() throws Exception {
        String at = flows.accessToken("th01@example.com");
        Map<String, Object> oidc = flows.tokensFor("th01@example.com", "openid");
        assertEquals(401, flows.get("/accounts/profiles/me?access_token=" + at).statusCode());
        assertEquals(401, flows.get("/oauth/userinfo?access_token=" + oidc.get("access_token")).statusCode());
    }

    /** TH-14: participant tokens are not OAuth bearer tokens and OAuth tokens are not participant tokens. */
    @Test
    void participantTokensAndOAuthTokensAreNotInterchangeable() throws Exception {
        String jwt = (String) Flows.json(flows.rest("POST", flows.project("/participant-tokens"),
                dev.bootstrap().apiKey(), Map.of("name", "th14", "room_name", "lobby")).body()).get("token");
        assertEquals(401, flows.get("/accounts/profiles/me", jwt).statusCode());
        assertEquals(401, flows.get("/oauth/userinfo", jwt).statusCode());
        Map<String, Object> oidc = flows.tokensFor("th14@example.com", "openid");
        for (Object t : new Object[] {oidc.get("access_token"), oidc.get("id_token")}) {
            assertEquals(401, flows.rest("POST", "/api/participant-token/validate", null, Map.of("token", t))
                    .statusCode());
        }
    }

    /** PV-09 (validator side): an unsigned participant token is refused. */
    @Test
    void algNoneParticipantTokensAreRefused() throws Exception {
        String claims = "{\"name\":\"x\",\"grants\":[{\"name\":\"room\",\"scope\":\"lobby\"}],\"sub\":\""
                + dev.bootstrap().projectId() + "\",\"kid\":\"" + com.meshagent.devserver.state.ApiKeyFormat
                .parse(dev.bootstrap().apiKey()).orElseThrow().keyId() + "\"}";
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String none = b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".";
        assertEquals(401, flows.rest("POST", "/api/participant-token/validate", null, Map.of("token", none))
                .statusCode());
    }

    /** SC-17 / RS-12: sign-in pages and token responses are never cached and send no referrer. */
    @Test
    void signInPagesAndTokenResponsesAreNoStore() throws Exception {
        HttpResponse<String> page = flows.authorizeGet(flows.authorizeParams(Flows.pkce(), "profile"));
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse(""));
        assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(""));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"));
        Flows.Pkce pkce = Flows.pkce();
        HttpResponse<String> token = flows.token(flows.codeExchange(flows.code(pkce, "profile", "sc17@example.com"),
                pkce));
        assertEquals("no-store", token.headers().firstValue("Cache-Control").orElse(""));
    }

    /** PV-21: a reflected error never places the attacker's text unescaped on a page. */
    @Test
    void errorPagesEscapeWhatTheyShow() throws Exception {
        Map<String, String> p = flows.authorizeParams(Flows.pkce(), "profile");
        p.put("client_id", "<img src=x onerror=alert(1)>");
        HttpResponse<String> r = flows.authorizeGet(p);
        assertEquals(400, r.statusCode());
        assertFalse(r.body().contains("<img"));
    }
}
