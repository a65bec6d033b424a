package com.meshagent.devserver.rooms;

import com.meshagent.devserver.DevServer;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Compatibility proof: the official MeshAgent JavaScript client ({@code @meshagent/meshagent} 0.39.9, installed by
 * the Maven build with {@code npm ci} in {@code src/test/js}) joins a room on the room server, sees a second
 * participant join, exchanges messages through its messaging API, and is refused with a token for another room.
 * Runs against the real {@link DevServer}, with participant tokens signed (docs/meshagent-protocol.md §4) by its
 * bootstrap API key. Fails (never skips) when node or the package is missing.
 */
class JsClientCompatibilityTest {

    static final Path JS_DIR = Path.of("src/test/js");
    static final long NODE_TIMEOUT_SECONDS = 60;

    DevServer dev;
    TestTokens.ParsedApiKey key;
    String roomUrl;

    @BeforeEach
    void start() {
        dev = DevServer.start(0);
        key = TestTokens.parseApiKey(dev.bootstrap().apiKey());
        assertEquals(dev.bootstrap().projectId(), key.projectId(), "the key's project segment names the project");
        roomUrl = dev.baseUri().toString().replaceFirst("^http", "ws") + "/rooms/lobby";
    }

    @AfterEach
    void stop() {
        dev.stop();
    }

    String token(String name, String room) {
        long exp = Instant.now().plusSeconds(600).getEpochSecond();
        return TestTokens.hs256(TestTokens.claims(name, room, TestTokens.messagingAndLlm(), exp, key.projectId(),
                key.keyId()), key.secret());
    }

    @Test
    @SuppressWarnings("unchecked")
    void officialJsClientJoinsSeesSecondParticipantExchangesMessagesAndIsRefusedForAnotherRoom() throws Exception {
        Map<String, Object> result = runNode(Map.of(
                "roomUrl", roomUrl,
                "aliceToken", token("alice", "lobby"),
                "bobToken", token("bob", "lobby"),
                "outsiderToken", token("mallory", "other")));

        assertEquals(Boolean.TRUE, result.get("ok"), () -> "node script failed: " + result.get("error"));
        // (a) joined: room_ready and connected/init reached the client
        Map<String, Object> alice = (Map<String, Object>) result.get("alice");
        assertEquals("lobby", alice.get("roomName"));
        assertEquals("alice", alice.get("name"));
        assertNotNull(alice.get("participantId"));
        assertNotNull(alice.get("sessionId"));
        // (b) alice saw bob join, with bob's participant id; each sees the other
        Map<String, Object> bob = (Map<String, Object>) result.get("bob");
        Map<String, Object> sawJoin = (Map<String, Object>) result.get("aliceSawJoin");
        assertEquals(bob.get("participantId"), sawJoin.get("id"));
        assertEquals("bob", sawJoin.get("name"));
        assertEquals(List.of("bob"), result.get("aliceSees"));
        assertEquals(List.of("alice"), result.get("bobSees"));
        // (c) direct message and broadcast, with sender and payload intact
        Map<String, Object> received = (Map<String, Object>) result.get("aliceReceived");
        assertEquals("chat", received.get("type"));
        assertEquals("bob", received.get("from"));
        assertEquals("hello alice", ((Map<String, Object>) received.get("message")).get("text"));
        Map<String, Object> broadcast = (Map<String, Object>) result.get("bobReceived");
        assertEquals("alice", broadcast.get("from"));
        assertEquals("hello everyone", ((Map<String, Object>) broadcast.get("message")).get("text"));
        assertEquals(List.of(), result.get("aliceSeesAfterBobLeft"));
        // (d) the other room's token was refused at the handshake with 403
        Map<String, Object> outsider = (Map<String, Object>) result.get("outsider");
        assertEquals(Boolean.FALSE, outsider.get("joined"));
        assertTrue(((String) outsider.get("message")).contains("403"), () -> "refusal: " + outsider);
    }

    /** Runs room-compat.js with {@code config} on stdin; returns the JSON it prints. */
    static Map<String, Object> runNode(Map<String, Object> config) throws Exception {
        Path pkg = JS_DIR.resolve("node_modules/@meshagent/meshagent/package.json");
        if (!Files.isRegularFile(pkg)) {
            fail("@meshagent/meshagent is not installed in " + JS_DIR.toAbsolutePath()
                    + "; the build runs `npm ci` there in generate-test-resources (needs node and npm)");
        }
        assertEquals("0.39.9", JSONObjectUtils.parse(Files.readString(pkg)).get("version"));
        Path stderr = Files.createDirectories(Path.of("target")).resolve("js-client-compat.stderr.txt");
        Process node;
        try {
            node = new ProcessBuilder("node", "room-compat.js")
                    .directory(JS_DIR.toFile())
                    .redirectError(stderr.toFile())
                    .start();
        } catch (IOException e) {
            throw new AssertionError("node is required for the JavaScript-client compatibility test", e);
        }
        try {
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(node.getInputStream()));
            try (OutputStream in = node.getOutputStream()) {
                in.write(JSONObjectUtils.toJSONString(config).getBytes(StandardCharsets.UTF_8));
            }
            if (!node.waitFor(NODE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("node did not finish within " + NODE_TIMEOUT_SECONDS + " s; stderr in " + stderr);
            }
            String stdout = out.get(10, TimeUnit.SECONDS);
            String line = stdout.lines().filter(l -> l.startsWith("RESULT ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no RESULT line from node (exit " + node.exitValue()
                            + "); stdout: " + stdout + "; stderr in " + stderr));
            Files.writeString(stderr.resolveSibling("js-client-compat.result.json"), line.substring("RESULT ".length()));
            Map<String, Object> result = JSONObjectUtils.parse(line.substring("RESULT ".length()));
            assertFalse(result.isEmpty());
            return result;
        } finally {
            node.destroyForcibly();
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
