package com.meshagent.devserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/security-cases.md TH-03: codes, tokens, secrets and verifiers never reach the log, even on failure paths. */
class SecretsStayOutOfLogsTest {

    @Test
    void aFullSignInRefreshRevocationAndFailedCallsLogNoSecret() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> secrets = new ArrayList<>();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (DevServer dev = DevServer.builder().port(0).redirectUris(Flows.REDIRECT).start()) {
            Flows flows = new Flows(dev);
            secrets.add(dev.bootstrap().apiKey());
            secrets.add(dev.bootstrap().clientSecret());
            Flows.Pkce pkce = Flows.pkce();
            secrets.add(pkce.verifier());
            String code = flows.code(pkce, "openid profile", "log@example.com");
            secrets.add(code);
            Map<String, Object> t = Flows.json(flows.token(flows.codeExchange(code, pkce)).body());
            secrets.add((String) t.get("access_token"));
            secrets.add((String) t.get("refresh_token"));
            secrets.add((String) t.get("id_token"));
            // failure paths: wrong secret, rotated refresh reuse, invalid participant token, code reuse
            Map<String, String> wrong = flows.refreshParams((String) t.get("refresh_token"));
            wrong.put("client_secret", "wrong-secret-value");
            flows.token(wrong);
            Map<String, Object> t2 = Flows.json(flows.token(flows.refreshParams((String) t.get("refresh_token"))).body());
            secrets.add((String) t2.get("refresh_token"));
            flows.token(flows.refreshParams((String) t.get("refresh_token")));
            HttpResponse<String> created = flows.rest("POST", flows.project("/oauth/clients"), dev.bootstrap().apiKey(),
                    Map.of("redirect_uris", List.of("https://a.example/cb"), "scope", "profile:read"));
            secrets.add((String) Flows.json(created.body()).get("client_secret"));
            String jwt = (String) Flows.json(flows.rest("POST", flows.project("/participant-tokens"),
                    dev.bootstrap().apiKey(), Map.of("name", "n", "room_name", "r")).body()).get("token");
            secrets.add(jwt);
            flows.rest("POST", "/api/participant-token/validate", null, Map.of("token", jwt + "x"));
            Map<String, String> revoke = new LinkedHashMap<>();
            revoke.put("token", (String) t2.get("access_token"));
            revoke.put("client_id", dev.bootstrap().clientId());
            revoke.put("client_secret", dev.bootstrap().clientSecret());
            assertEquals(200, flows.postForm("/oauth/revoke", revoke).statusCode());
            flows.get("/accounts/whoami", dev.bootstrap().apiKey() + "tampered");
            flows.token(flows.codeExchange(code, pkce));
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("issued a code"), "the capture saw the server's log: " + log);
        for (String s : secrets) {
            assertFalse(log.contains(s), "a secret reached the log");
        }
        assertFalse(log.contains("wrong-secret-value"));
    }
}
