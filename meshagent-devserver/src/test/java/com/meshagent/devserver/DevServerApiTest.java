package com.meshagent.devserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.devserver.oauth.TokenKnobs;
import com.meshagent.devserver.state.ApiKeyFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public Java API of DevServer and the standalone command line. */
class DevServerApiTest {

    @Test
    void startOnAFreePortGivesALoopbackBaseUriWithoutTrailingSlash() {
        try (DevServer dev = DevServer.start(0)) {
            String base = dev.baseUri().toString();
            assertTrue(base.matches("http://127\\.0\\.0\\.1:\\d+"), base);
            assertNotEquals(0, dev.baseUri().getPort());
        }
    }

    @Test
    void bootstrapPrintsTheFiveVariablesAndItsToStringRedactsSecrets() {
        try (DevServer dev = DevServer.builder().port(0).adminEmail("boss@example.com").start()) {
            DevServer.Bootstrap b = dev.bootstrap();
            assertEquals(List.of("MESHAGENT_API_URL=" + dev.baseUri(), "MESHAGENT_PROJECT_ID=" + b.projectId(),
                    "MESHAGENT_API_KEY=" + b.apiKey(), "MESHAGENT_CLIENT_ID=" + b.clientId(),
                    "MESHAGENT_CLIENT_SECRET=" + b.clientSecret()), b.envLines());
            assertEquals("boss@example.com", b.adminEmail());
            assertFalse(b.toString().contains(b.apiKey()));
            assertFalse(b.toString().contains(b.clientSecret()));
            ApiKeyFormat.Parts parts = ApiKeyFormat.parse(b.apiKey()).orElseThrow();
            assertEquals(b.projectId(), parts.projectId());
            com.meshagent.devserver.tokens.Credentials.ApiKeyInfo info = dev.credentials().apiKey(parts.projectId(), parts.keyId()).orElseThrow();
            assertEquals(parts.secret(), info.secret());
            assertEquals(info.keyId(), dev.credentials().apiKeyByValue(b.apiKey()).orElseThrow().keyId());
            assertTrue(dev.credentials().apiKey("other-project", parts.keyId()).isEmpty());
            assertTrue(dev.credentials().apiKeyByValue(b.apiKey() + "x").isEmpty());
            assertFalse(info.toString().contains(info.secret()));
        }
    }

    @Test
    void apiKeyFormatMatchesTheProtocolTestVector() {
        ApiKeyFormat.Parts p = ApiKeyFormat.parse("ma-Ej5FZ.ibEtOkVkJmFBdAAA-Dx4tPEtaaXiQq83vEjRWeA-s3cr3t-with-dashes")
                .orElseThrow();
        assertEquals("123e4567-e89b-12d3-a456-426614174000", p.keyId());
        assertEquals("0f1e2d3c-4b5a-6978-90ab-cdef12345678", p.projectId());
        assertEquals("s3cr3t-with-dashes", p.secret());
        assertEquals("ma-Ej5FZ.ibEtOkVkJmFBdAAA-Dx4tPEtaaXiQq83vEjRWeA-s3cr3t-with-dashes",
                ApiKeyFormat.encode(p.keyId(), p.projectId(), p.secret()));
        assertTrue(ApiKeyFormat.parse("mb-Ej5FZ.ibEtOkVkJmFBdAAA-Dx4tPEtaaXiQq83vEjRWeA-s").isEmpty());
        assertTrue(ApiKeyFormat.parse("ma-short-Dx4tPEtaaXiQq83vEjRWeA-s").isEmpty());
    }

    @Test
    void setMemberGrantsPermissionsAndRefusesUnknownOnes() {
        try (DevServer dev = DevServer.start(0)) {
            dev.setMember("llm@example.com", Set.of("can_use_llm_proxy"));
            assertThrows(IllegalArgumentException.class, () -> dev.setMember("x@example.com", Set.of("superuser")));
        }
    }

    @Test
    void builderRejectsBadSettingsNamingThem() {
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class, () -> DevServer.builder().port(70000));
        assertTrue(port.getMessage().contains("port") && port.getMessage().contains("70000"));
        IllegalArgumentException uri = assertThrows(IllegalArgumentException.class,
                () -> DevServer.builder().redirectUris("/relative/cb"));
        assertTrue(uri.getMessage().contains("redirectUris") && uri.getMessage().contains("/relative/cb"));
        assertThrows(IllegalArgumentException.class, () -> DevServer.builder().redirectUris("https://a.example/cb#frag"));
        assertThrows(IllegalArgumentException.class, () -> DevServer.builder().adminEmail("not-an-email"));
        assertThrows(NullPointerException.class, () -> DevServer.builder().clock(null));
    }

    @Test
    void knobsRefuseBadSettingsNamingThem() {
        TokenKnobs knobs = new TokenKnobs();
        assertEquals("tokenEndpointDelay must not be negative: PT-1S", assertThrows(IllegalArgumentException.class,
                () -> knobs.tokenEndpointDelay(Duration.ofSeconds(-1))).getMessage());
        assertEquals("accessTokenLifetime must be positive: PT0S", assertThrows(IllegalArgumentException.class,
                () -> knobs.accessTokenLifetime(Duration.ZERO)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> knobs.accessTokenLifetime(null));
        assertEquals(knobs, knobs.tokenEndpointDelay(Duration.ZERO).accessTokenLifetime(Duration.ofSeconds(1)));
    }

    @Test
    void aBusyPortFailsTheStartWithAMessageNamingIt() {
        try (DevServer first = DevServer.start(0)) {
            int port = first.baseUri().getPort();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> DevServer.start(port));
            assertTrue(e.getMessage().contains(String.valueOf(port)), e.getMessage());
        }
    }

    @Test
    void stopClosesThePortAndIsIdempotent() {
        DevServer dev = DevServer.start(0);
        URI base = dev.baseUri();
        dev.stop();
        assertThrows(IOException.class, () -> new Socket(base.getHost(), base.getPort()).close());
        dev.stop();
        dev.close();
    }

    // ---- the command line ----

    private static Process java(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(DevServer.class.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    @Test
    void mainPrintsExportableVariablesAndServesTheApi(@TempDir Path data) throws Exception {
        Process p = java("--port", "0", "--data", data.toString(), "--redirect-uri", "http://127.0.0.1:9/cb");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = CompletableFuture.supplyAsync(() -> {
                List<String> read = new ArrayList<>();
                try {
                    for (int i = 0; i < 5; i++) {
                        read.add(out.readLine());
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return read;
            }).get(60, TimeUnit.SECONDS);
            assertTrue(lines.get(0).matches("MESHAGENT_API_URL=http://127\\.0\\.0\\.1:\\d+"), lines.get(0));
            assertTrue(lines.get(1).startsWith("MESHAGENT_PROJECT_ID="));
            assertTrue(lines.get(2).startsWith("MESHAGENT_API_KEY=ma-"));
            assertTrue(lines.get(3).startsWith("MESHAGENT_CLIENT_ID="));
            assertTrue(lines.get(4).startsWith("MESHAGENT_CLIENT_SECRET="));
            String api = lines.get(0).substring("MESHAGENT_API_URL=".length());
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(api + "/accounts/whoami"))
                            .header("Authorization", "Bearer " + lines.get(2).substring("MESHAGENT_API_KEY=".length()))
                            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertTrue(java.nio.file.Files.exists(data.resolve("state.json")));
        } finally {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void mainRejectsBadOptionsWithExitCode2() throws Exception {
        Process p = java("--port", "eighty");
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
        Process q = java("--frobnicate");
        assertTrue(q.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, q.exitValue());
    }
}
