package com.meshagent.devserver.llm;

import com.meshagent.devserver.rooms.FakeCredentials;
import com.meshagent.devserver.rooms.LoopbackJetty;
import com.meshagent.devserver.rooms.TestTokens;
import com.meshagent.devserver.tokens.Credentials.AccessTokenInfo;
import com.meshagent.testsupport.MutableClock;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.meshagent.devserver.rooms.FakeCredentials.API_KEY;
import static com.meshagent.devserver.rooms.FakeCredentials.KEY_ID;
import static com.meshagent.devserver.rooms.FakeCredentials.PROJECT;
import static com.meshagent.devserver.rooms.FakeCredentials.SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LlmProxyTest {

    static final String CHAT = "/openai/v1/chat/completions";
    static final String RESPONSES = "/openai/v1/responses";
    static final String MESSAGES = "/anthropic/v1/messages";
    static final String CHAT_BODY = "{\"model\":\"gpt-5.4\",\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
            + "{\"role\":\"user\",\"content\":\"first\"},{\"role\":\"assistant\",\"content\":\"ok\"},"
            + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hello there\"}]}]}";
    static final String RESPONSES_BODY = "{\"model\":\"gpt-5.4\",\"input\":\"hello there\"}";
    static final String MESSAGES_BODY = "{\"model\":\"claude-x\",\"max_tokens\":64,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}";
    static final String ECHO = "[meshagent-devserver local stand-in] You said: hello there";

    final FakeCredentials credentials = new FakeCredentials();
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"));
    final HttpClient http = HttpClient.newHttpClient();
    LoopbackJetty server;
    URI base;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackJetty(new ContextHandler(new LlmProxy(credentials, clock), "/"));
        base = server.base("http");
        credentials.addAccessToken("at-llm", new AccessTokenInfo("u1", "dev@example.com", "c1", PROJECT,
                Set.of("profile:read", "llm:invoke")));
        credentials.addAccessToken("at-noscope", new AccessTokenInfo("u1", "dev@example.com", "c1", PROJECT,
                Set.of("profile:read")));
        credentials.addAccessToken("at-nobody", new AccessTokenInfo("u2", "nobody@example.com", "c1", PROJECT,
                Set.of("llm:invoke")));
        credentials.addAccessToken("at-admin", new AccessTokenInfo("u3", "admin@example.com", "c1", PROJECT,
                Set.of("llm:invoke")));
        credentials.setPermissions(PROJECT, "u1", Set.of("can_use_llm_proxy"));
        credentials.setPermissions(PROJECT, "u3", Set.of("admin"));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    record Reply(int status, Map<String, Object> json, HttpResponse<String> raw) {
    }

    Reply post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (headers.length > 0) {
            b.headers(headers);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Object> json = r.body().startsWith("{") ? JSONObjectUtils.parse(r.body()) : Map.of();
        return new Reply(r.statusCode(), json, r);
    }

    String participantToken(Map<String, Object> api, String room, Long exp) {
        return TestTokens.hs256(TestTokens.claims("agent", room, api, exp, PROJECT, KEY_ID), SECRET);
    }

    @SuppressWarnings("unchecked")
    static String openAiCode(Reply r) {
        return (String) ((Map<String, Object>) r.json().get("error")).get("code");
    }

    @SuppressWarnings("unchecked")
    static String anthropicType(Reply r) {
        assertEquals("error", r.json().get("type"));
        return (String) ((Map<String, Object>) r.json().get("error")).get("type");
    }

    @Test
    @SuppressWarnings("unchecked")
    void apiKeyGetsChatCompletionEchoingTheLastUserMessage() throws Exception {
        Reply r = post(CHAT, CHAT_BODY, "Authorization", "Bearer " + API_KEY);
        assertEquals(200, r.status(), r.raw().body());
        assertEquals("chat.completion", r.json().get("object"));
        assertEquals("gpt-5.4", r.json().get("model"));
        assertTrue(((String) r.json().get("id")).startsWith("chatcmpl-"));
        Map<String, Object> choice = ((List<Map<String, Object>>) r.json().get("choices")).get(0);
        assertEquals("stop", choice.get("finish_reason"));
        Map<String, Object> message = (Map<String, Object>) choice.get("message");
        assertEquals("assistant", message.get("role"));
        assertEquals(ECHO, message.get("content"));
        assertEquals("no-store", r.raw().headers().firstValue("Cache-Control").orElse(""));
    }

    @Test
    @SuppressWarnings("unchecked")
    void apiKeyGetsResponsesObject() throws Exception {
        Reply r = post(RESPONSES, RESPONSES_BODY, "Authorization", "Bearer " + API_KEY);
        assertEquals(200, r.status(), r.raw().body());
        assertEquals("response", r.json().get("object"));
        assertEquals("completed", r.json().get("status"));
        Map<String, Object> item = ((List<Map<String, Object>>) r.json().get("output")).get(0);
        assertEquals("message", item.get("type"));
        Map<String, Object> content = ((List<Map<String, Object>>) item.get("content")).get(0);
        assertEquals("output_text", content.get("type"));
        assertEquals(ECHO, content.get("text"));
        Reply items = post(RESPONSES, "{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":"
                + "[{\"type\":\"input_text\",\"text\":\"hello there\"}]}]}", "Authorization", "Bearer " + API_KEY);
        assertEquals(200, items.status(), items.raw().body());
    }

    @Test
    @SuppressWarnings("unchecked")
    void anthropicMessageAcceptsXApiKey() throws Exception {
        Reply r = post(MESSAGES, MESSAGES_BODY, "x-api-key", API_KEY, "anthropic-version", "2023-06-01");
        assertEquals(200, r.status(), r.raw().body());
        assertEquals("message", r.json().get("type"));
        assertEquals("assistant", r.json().get("role"));
        assertEquals("end_turn", r.json().get("stop_reason"));
        assertEquals(List.of(Map.of("type", "text", "text", ECHO)), r.json().get("content"));
    }

    @Test
    void participantTokenNeedsRoomGrantAndApiLlm() throws Exception {
        assertEquals(200, post(CHAT, CHAT_BODY, "Authorization",
                "Bearer " + participantToken(Map.of("llm", Map.of()), "lobby", null)).status());
        Reply noLlm = post(CHAT, CHAT_BODY, "Authorization",
                "Bearer " + participantToken(Map.of("messaging", Map.of()), "lobby", null));
        assertEquals(403, noLlm.status());
        assertEquals("missing_llm_grant", openAiCode(noLlm));
        Reply noApi = post(CHAT, CHAT_BODY, "Authorization", "Bearer " + participantToken(null, "lobby", null));
        assertEquals(403, noApi.status());
        Reply noRoom = post(MESSAGES, MESSAGES_BODY, "x-api-key", participantToken(Map.of("llm", Map.of()), null, null));
        assertEquals(403, noRoom.status());
        assertEquals("permission_error", anthropicType(noRoom));
    }

    @Test
    void expiredOrForgedParticipantTokenIsUnauthorized() throws Exception {
        long past = clock.instant().minusSeconds(1).getEpochSecond();
        Reply expired = post(CHAT, CHAT_BODY, "Authorization",
                "Bearer " + participantToken(Map.of("llm", Map.of()), "lobby", past));
        assertEquals(401, expired.status());
        assertEquals("invalid_participant_token", openAiCode(expired));
        String forged = TestTokens.hs256(TestTokens.claims("agent", "lobby", Map.of("llm", Map.of()), null,
                PROJECT, KEY_ID), "guessed-secret");
        assertEquals(401, post(CHAT, CHAT_BODY, "Authorization", "Bearer " + forged).status());
    }

    @Test
    void oauthTokenNeedsScopeProjectHeaderAndPermission() throws Exception {
        assertEquals(200, post(CHAT, CHAT_BODY, "Authorization", "Bearer at-llm",
                "meshagent-project-id", PROJECT).status(), "header name is case-insensitive");
        assertEquals(200, post(MESSAGES, MESSAGES_BODY, "x-api-key", "at-admin",
                "MeshAgent-Project-Id", PROJECT).status(), "admins qualify");
        Reply noScope = post(CHAT, CHAT_BODY, "Authorization", "Bearer at-noscope", "Meshagent-Project-Id", PROJECT);
        assertEquals(403, noScope.status());
        assertEquals("missing_scope", openAiCode(noScope));
        assertTrue(noScope.raw().body().contains("llm:invoke"), "names what is missing");
        Reply noHeader = post(CHAT, CHAT_BODY, "Authorization", "Bearer at-llm");
        assertEquals(403, noHeader.status());
        assertEquals("missing_project_header", openAiCode(noHeader));
        Reply otherProject = post(CHAT, CHAT_BODY, "Authorization", "Bearer at-llm",
                "Meshagent-Project-Id", "11111111-1111-1111-1111-111111111111");
        assertEquals(403, otherProject.status());
        assertEquals("project_mismatch", openAiCode(otherProject));
        Reply noPermission = post(CHAT, CHAT_BODY, "Authorization", "Bearer at-nobody", "Meshagent-Project-Id", PROJECT);
        assertEquals(403, noPermission.status());
        assertEquals("missing_permission", openAiCode(noPermission));
    }

    @Test
    void missingOrUnknownCredentialIsUnauthorizedWithoutEchoingIt() throws Exception {
        Reply none = post(CHAT, CHAT_BODY);
        assertEquals(401, none.status());
        assertEquals("missing_credential", openAiCode(none));
        assertTrue(none.raw().headers().firstValue("WWW-Authenticate").isPresent());
        Reply unknownKey = post(CHAT, CHAT_BODY, "Authorization", "Bearer ma-unknown-key-value-s3cret");
        assertEquals(401, unknownKey.status());
        assertFalse(unknownKey.raw().body().contains("s3cret"));
        Reply garbage = post(MESSAGES, MESSAGES_BODY, "x-api-key", "opaque-guess-1234");
        assertEquals(401, garbage.status());
        assertEquals("authentication_error", anthropicType(garbage));
        assertFalse(garbage.raw().body().contains("opaque-guess-1234"));
    }

    @Test
    void malformedJsonMissingUserMessageOrModelIsBadRequest() throws Exception {
        Reply malformed = post(CHAT, "{\"model\":", "Authorization", "Bearer " + API_KEY);
        assertEquals(400, malformed.status());
        assertEquals("malformed_json", openAiCode(malformed));
        Reply noUser = post(CHAT, "{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"x\"}]}",
                "Authorization", "Bearer " + API_KEY);
        assertEquals(400, noUser.status());
        assertEquals("no_user_message", openAiCode(noUser));
        Reply noModel = post(MESSAGES, "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "x-api-key", API_KEY);
        assertEquals(400, noModel.status());
        assertEquals("invalid_request_error", anthropicType(noModel));
        Reply array = post(RESPONSES, "[1,2]", "Authorization", "Bearer " + API_KEY);
        assertEquals(400, array.status());
    }

    @Test
    void wrongMethodIs405AndUnknownProviderPathIs404() throws Exception {
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(base.resolve(CHAT))
                .header("Authorization", "Bearer " + API_KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, get.statusCode());
        assertEquals("POST", get.headers().firstValue("Allow").orElse(""));
        assertTrue(get.body().contains("\"error\""));
        Reply embeddings = post("/openai/v1/embeddings", "{}", "Authorization", "Bearer " + API_KEY);
        assertEquals(404, embeddings.status());
        assertEquals("not_found", openAiCode(embeddings));
        HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(base.resolve("/accounts/whoami")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, elsewhere.statusCode(), "other paths are declined for other handlers");
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        String big = "{\"model\":\"m\",\"input\":\"" + "a".repeat(LlmProxy.MAX_BODY_BYTES) + "\"}";
        Reply r = post(RESPONSES, big, "Authorization", "Bearer " + API_KEY);
        assertEquals(413, r.status());
        assertEquals("request_too_large", openAiCode(r));
        Reply anthropic = post(MESSAGES, big, "x-api-key", API_KEY);
        assertEquals(413, anthropic.status());
        assertEquals("request_too_large", anthropicType(anthropic));
    }

    @Test
    void streamingRequestsAreRefusedClearly() throws Exception {
        Reply r = post(CHAT, "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                "Authorization", "Bearer " + API_KEY);
        assertEquals(400, r.status());
        assertEquals("streaming_unsupported", openAiCode(r));
    }

    @Test
    void refusalLogsNameTheReasonButNeverTheCredential() throws Exception {
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            post(CHAT, CHAT_BODY, "Authorization", "Bearer ma-unknown-key-value-s3cret");
            post(CHAT, CHAT_BODY, "Authorization", "Bearer at-noscope", "Meshagent-Project-Id", PROJECT);
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(log.contains("unknown_api_key") && log.contains("missing_scope"), log);
        assertFalse(log.contains("s3cret") || log.contains("at-noscope"), "a credential reached the log");
    }
}
