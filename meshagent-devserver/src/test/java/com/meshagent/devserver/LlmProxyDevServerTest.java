package com.meshagent.devserver.llm;

import com.meshagent.devserver.DevServer;
import com.meshagent.devserver.rooms.TestTokens;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The LLM stand-in as mounted in the real {@link DevServer}: an access token from the devserver's own OAuth flow,
 * its bootstrap API key, and a participant token signed with that key.
 */
class LlmProxyDevServerTest {

    static final String REDIRECT = "http://127.0.0.1:9/callback";
    static final String CHAT_BODY = "{\"model\":\"gpt-5.4\",\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}]}";

    final HttpClient http = HttpClient.newHttpClient();
    DevServer dev;

    @BeforeEach
    void start() {
        dev = DevServer.builder().port(0).redirectUris(REDIRECT).start();
    }

    @AfterEach
    void stop() {
        dev.stop();
    }

    static String form(Map<String, String> params) {
        return params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    HttpResponse<String> postForm(String path, Map<String, String> params) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(dev.baseUri() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(params))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs {@code email} in through /oauth/authorize and /oauth/token; returns the access token. */
    String accessToken(String email, String scope) throws Exception {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        Map<String, String> authorize = new LinkedHashMap<>();
        authorize.put("response_type", "code");
        authorize.put("client_id", dev.bootstrap().clientId());
        authorize.put("redirect_uri", REDIRECT);
        authorize.put("scope", scope);
        authorize.put("state", "s1");
        authorize.put("code_challenge", challenge);
        authorize.put("code_challenge_method", "S256");
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(dev.baseUri() + "/oauth/authorize?"
                + form(authorize))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), page.body());
        Matcher pending = Pattern.compile("name=\"pending\" value=\"([^\"]+)\"").matcher(page.body());
        assertTrue(pending.find(), "sign-in form carries its pending id");
        HttpResponse<String> signedIn = postForm("/oauth/authorize",
                Map.of("pending", pending.group(1), "email", email, "allow", "allow"));
        String location = signedIn.headers().firstValue("Location").orElseThrow(
                () -> new AssertionError("sign-in answered " + signedIn.statusCode() + ": " + signedIn.body()));
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location);
        assertTrue(code.find(), "redirect carries a code");
        Map<String, String> exchange = new LinkedHashMap<>();
        exchange.put("grant_type", "authorization_code");
        exchange.put("code", java.net.URLDecoder.decode(code.group(1), StandardCharsets.UTF_8));
        exchange.put("redirect_uri", REDIRECT);
        exchange.put("client_id", dev.bootstrap().clientId());
        exchange.put("client_secret", dev.bootstrap().clientSecret());
        exchange.put("code_verifier", verifier);
        HttpResponse<String> token = postForm("/oauth/token", exchange);
        assertEquals(200, token.statusCode(), token.body());
        return (String) JSONObjectUtils.parse(token.body()).get("access_token");
    }

    HttpResponse<String> chat(String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(dev.baseUri() + "/openai/v1/chat/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(CHAT_BODY));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void signedInUserWithLlmScopeProjectHeaderAndPermissionIsAnswered() throws Exception {
        String project = dev.bootstrap().projectId();
        String admin = accessToken(dev.bootstrap().adminEmail(), "profile:read llm:invoke");
        HttpResponse<String> ok = chat("Authorization", "Bearer " + admin, "Meshagent-Project-Id", project);
        assertEquals(200, ok.statusCode(), ok.body());
        assertTrue(ok.body().contains("[meshagent-devserver local stand-in] You said: ping"), ok.body());
        HttpResponse<String> noHeader = chat("Authorization", "Bearer " + admin);
        assertEquals(403, noHeader.statusCode());
        assertTrue(noHeader.body().contains("Meshagent-Project-Id"), noHeader.body());

        String member = accessToken("dev@example.com", "profile:read llm_proxy");
        HttpResponse<String> noPermission = chat("Authorization", "Bearer " + member, "Meshagent-Project-Id", project);
        assertEquals(403, noPermission.statusCode(), noPermission.body());
        assertTrue(noPermission.body().contains("can_use_llm_proxy"), noPermission.body());
        dev.setMember("dev@example.com", Set.of("can_use_llm_proxy"));
        assertEquals(200, chat("Authorization", "Bearer " + member, "Meshagent-Project-Id", project).statusCode(),
                "the llm_proxy alias and a granted permission suffice");

        String profileOnly = accessToken(dev.bootstrap().adminEmail(), "profile:read");
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
        HttpResponse<String> anthropic = http.send(HttpRequest.newBuilder(URI.create(dev.baseUri()
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
