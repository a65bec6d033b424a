package com.meshagent.devserver;

import com.meshagent.devserver.rooms.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The LLM stand-in as mounted in the real {@link DevServer}: an access token from the devserver's own OAuth flow,
 * its bootstrap API key, and a participant token signed with that key.
 */
class LlmProxyDevServerTest {

    static final String CHAT_BODY = "{\"model\":\"gpt-5.4\",\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}]}";

    DevServer dev;
    Flows flows;

    @BeforeEach
    void start() {
        dev = DevServer.builder().port(0).redirectUris(Flows.REDIRECT).start();
        flows = new Flows(dev);
    }

    @AfterEach
    void stop() {
        dev.stop();
    }

    HttpResponse<String> chat(String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(dev.baseUri() + "/openai/v1/chat/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(CHAT_BODY));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return flows.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void signedInUserWithLlmScopeProjectHeaderAndPermissionIsAnswered() throws Exception {
        String project = dev.bootstrap().projectId();
        String admin = flows.accessToken(dev.bootstrap().adminEmail(), "profile:read llm:invoke");
        HttpResponse<String> ok = chat("Authorization", "Bearer " + admin, "Meshagent-Project-Id", project);
        assertEquals(200, ok.statusCode(), ok.body());
        assertTrue(ok.body().contains("[meshagent-devserver local stand-in] You said: ping"), ok.body());
        HttpResponse<String> noHeader = chat("Authorization", "Bearer " + admin);
        assertEquals(403, noHeader.statusCode());
        assertTrue(noHeader.body().contains("Meshagent-Project-Id"), noHeader.body());

        String member = flows.accessToken("dev@example.com", "profile:read llm_proxy");
        HttpResponse<String> noPermission = chat("Authorization", "Bearer " + member, "Meshagent-Project-Id", project);
        assertEquals(403, noPermission.statusCode(), noPermission.body());
        assertTrue(noPermission.body().contains("can_use_llm_proxy"), noPermission.body());
        dev.setMember("dev@example.com", Set.of("can_use_llm_proxy"));
        assertEquals(200, chat("Authorization", "Bearer " + member, "Meshagent-Project-Id", project).statusCode(),
                "the llm_proxy alias and a granted permission suffice");

        String profileOnly = flows.accessToken(dev.bootstrap().adminEmail(), "profile:read");
        HttpResponse<String> noScope = chat("Authorization", "Bearer " + profileOnly, "Meshagent-Project-Id", project);
        assertEquals(403, noScope.statusCode());
        assertTrue(noScope.body().contains("llm:invoke"), noScope.body());
    }

    @Test
    void bootstrapApiKeyAndParticipantTokenWithApiLlmAreAnswered() throws Exception {
        assertEquals(200, chat("Authorization", "Bearer " + dev.bootstrap().apiKey()).statusCode());
        TestTokens.ParsedApiKey key = TestTokens.parseApiKey(dev.bootstrap().apiKey());
        String withLlm = TestTokens.hs256(TestTokens.claims("agent", "lobby", Map.of("llm", Map.of()), null,
                key.projectId(), key.keyId()), key.secret());
        HttpResponse<String> anthropic = flows.http.send(HttpRequest.newBuilder(URI.create(dev.baseUri()
                        + "/anthropic/v1/messages")).header("x-api-key", withLlm).header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"claude\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, anthropic.statusCode(), anthropic.body());
        String withoutLlm = TestTokens.hs256(TestTokens.claims("agent", "lobby", Map.of("storage", Map.of()), null,
                key.projectId(), key.keyId()), key.secret());
        assertEquals(403, chat("Authorization", "Bearer " + withoutLlm).statusCode());
        assertEquals(401, chat().statusCode());
    }
}
