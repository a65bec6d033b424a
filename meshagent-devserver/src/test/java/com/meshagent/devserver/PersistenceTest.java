package com.meshagent.devserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {
    @TempDir
    Path dir;

    private DevServer start() {
        return DevServer.builder().port(0).dataDir(dir).redirectUris(Flows.REDIRECT).start();
    }

    private static Map<String, Object> clientSpec() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("grant_types", List.of("authorization_code", "refresh_token"));
        m.put("redirect_uris", List.of(Flows.REDIRECT));
        m.put("scope", "profile:read");
        m.put("metadata", Map.of("name", "Persisted App"));
        return m;
    }

    private static Map<String, Object> registrationSpec() {
        return Map.of("oauth", Map.of("client_id", "ext", "authorization_endpoint", "https://p.example/a",
                "token_endpoint", "https://p.example/t"));
    }

    @Test
    void aRestartOnTheSameDataDirFindsEverythingThatWasAcknowledged() throws Exception {
        DevServer.Bootstrap before;
        Map<String, Object> client;
        String userId;
        try (DevServer dev = start()) {
            Flows flows = new Flows(dev);
            before = dev.bootstrap();
            client = Flows.json(flows.rest("POST", flows.project("/oauth/clients"), before.apiKey(), clientSpec()).body());
            assertEquals(201, flows.rest("POST", flows.project("/rooms/lobby/external-oauth"), before.apiKey(),
                    registrationSpec()).statusCode());
            dev.setMember("llm-user@example.com", Set.of("can_use_llm_proxy"));
            userId = (String) Flows.json(flows.get("/accounts/profiles/me", flows.accessToken("signed-in@example.com"))
                    .body()).get("id");
        }
        String onDisk = Files.readString(dir.resolve("state.json"), StandardCharsets.UTF_8);
        assertFalse(onDisk.contains((String) client.get("client_secret")), "client secrets are stored hashed");

        try (DevServer dev = start()) {
            Flows flows = new Flows(dev);
            DevServer.Bootstrap after = dev.bootstrap();
            assertEquals(before.projectId(), after.projectId());
            assertEquals(before.apiKey(), after.apiKey());
            assertEquals(before.clientId(), after.clientId());
            assertEquals(before.clientSecret(), after.clientSecret());
            assertEquals(200, flows.rest("GET", flows.project("/oauth/clients/" + client.get("client_id")),
                    after.apiKey(), null).statusCode());
            assertEquals(1, ((List<?>) Flows.json(flows.rest("GET", flows.project("/rooms/lobby/external-oauth"),
                    after.apiKey(), null).body()).get("registrations")).size());
            Map<String, Object> role = Flows.json(flows.rest("GET", flows.project("/role"),
                    flows.accessToken("llm-user@example.com"), null).body());
            assertEquals(List.of("can_use_llm_proxy"), role.get("permissions"));
            assertEquals(userId, Flows.json(flows.get("/accounts/profiles/me",
                    flows.accessToken("signed-in@example.com")).body()).get("id"), "same user, same id");

            // the created client's (hashed) secret still authenticates
            Flows.Pkce pkce = Flows.pkce();
            Map<String, String> auth = flows.authorizeParams(pkce, "profile:read");
            auth.put("client_id", (String) client.get("client_id"));
            Map<String, String> exchange = flows.codeExchange(Flows.param(flows.signIn(auth, "z@example.com"), "code"),
                    pkce);
            exchange.put("client_id", (String) client.get("client_id"));
            exchange.put("client_secret", (String) client.get("client_secret"));
            assertEquals(200, flows.token(exchange).statusCode());
        }
    }

    @Test
    void concurrentAcknowledgedWritesAllSurviveARestart() throws Exception {
        int n = 16;
        java.util.Set<String> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try (DevServer dev = start()) {
            Flows flows = new Flows(dev);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
            try {
                List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
                for (int i = 0; i < n; i++) {
                    int k = i;
                    done.add(pool.submit(() -> {
                        if (k % 2 == 0) {
                            HttpResponse<String> r = flows.rest("POST", flows.project("/oauth/clients"),
                                    dev.bootstrap().apiKey(), clientSpec());
                            assertEquals(201, r.statusCode());
                            ids.add((String) Flows.json(r.body()).get("client_id"));
                        } else {
                            dev.setMember("member" + k + "@example.com", Set.of("can_use_llm_proxy"));
                        }
                        return null;
                    }));
                }
                for (java.util.concurrent.Future<?> f : done) {
                    f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
        }
        try (DevServer dev = start()) {
            Flows flows = new Flows(dev);
            String key = dev.bootstrap().apiKey();
            assertEquals(n / 2 + 1L, ((Number) Flows.json(flows.rest("GET", flows.project("/oauth/clients"), key, null)
                    .body()).get("total")).longValue());
            for (String id : ids) {
                assertEquals(200, flows.rest("GET", flows.project("/oauth/clients/" + id), key, null).statusCode());
            }
            assertEquals(n / 2 + 1L, ((Number) Flows.json(flows.rest("GET", flows.project("/members"), key, null)
                    .body()).get("total")).longValue());
        }
    }

    @Test
    void aCrashMidWriteLosesNothingAlreadyAcknowledged() throws Exception {
        String clientId;
        try (DevServer dev = start()) {
            Flows flows = new Flows(dev);
            clientId = (String) Flows.json(flows.rest("POST", flows.project("/oauth/clients"), dev.bootstrap().apiKey(),
                    clientSpec()).body()).get("client_id");
        }
        String good = Files.readString(dir.resolve("state.json"));
        // What a crash during the next write leaves behind: a truncated temp file, and an empty one.
        Files.writeString(dir.resolve("state.json.tmp-crashed1"), good.substring(0, good.length() / 2));
        Files.writeString(dir.resolve("state.json.tmp-crashed2"), "");
        try (DevServer dev = start()) {
            Flows flows = new Flows(dev);
            assertEquals(200, flows.rest("GET", flows.project("/oauth/clients/" + clientId), dev.bootstrap().apiKey(),
                    null).statusCode());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("state.json"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void aFailedWriteIsRefusedAndChangesNothing() throws Exception {
        try (DevServer dev = start()) {
            Flows flows = new Flows(dev);
            String key = dev.bootstrap().apiKey();
            // Make the next write impossible: the data directory is replaced by a plain file.
            Path moved = dir.resolveSibling(dir.getFileName() + "-moved");
            Files.move(dir, moved);
            Files.writeString(dir, "not a directory");
            try {
                HttpResponse<String> r = flows.rest("POST", flows.project("/oauth/clients"), key, clientSpec());
                assertEquals(500, r.statusCode());
                assertEquals("server_error", Flows.restErrorCode(r));
                assertEquals(1L, ((Number) Flows.json(flows.rest("GET", flows.project("/oauth/clients"), key, null)
                        .body()).get("total")).longValue(), "the refused client is not visible either");
            } finally {
                Files.delete(dir);
                Files.move(moved, dir);
            }
        }
    }

    @Test
    void anUnreadableDataFileStopsTheStartAndIsLeftAlone() throws Exception {
        Files.writeString(dir.resolve("state.json"), "{\"version\": 1, \"project_id\": ");
        IllegalStateException e = assertThrows(IllegalStateException.class, this::start);
        assertTrue(e.getMessage().contains("state.json"), e.getMessage());
        assertEquals("{\"version\": 1, \"project_id\": ", Files.readString(dir.resolve("state.json")));
    }

    @Test
    void redirectUrisGivenAtRestartAreAddedToTheBootstrapClient() throws Exception {
        try (DevServer dev = start()) {
            assertTrue(dev.bootstrap().clientId() != null);
        }
        try (DevServer dev = DevServer.builder().port(0).dataDir(dir).redirectUris("http://127.0.0.1:9/other").start()) {
            Flows flows = new Flows(dev);
            List<?> uris = (List<?>) Flows.json(flows.rest("GET", flows.project("/oauth/clients/"
                    + dev.bootstrap().clientId()), dev.bootstrap().apiKey(), null).body()).get("redirect_uris");
            assertEquals(List.of(Flows.REDIRECT, "http://127.0.0.1:9/other"), uris);
        }
    }
}
