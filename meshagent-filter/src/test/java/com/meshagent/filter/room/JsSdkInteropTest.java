package com.meshagent.filter.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Byte-level interop with the official MeshAgent JavaScript SDK ({@code @meshagent/meshagent}, pinned in
 * {@code src/test/js/package.json}, installed by {@code npm ci} in {@code generate-test-resources}). Runs
 * real {@code node}; fails (never skips) when node or the package is missing.
 */
class JsSdkInteropTest {

    private static final Path JS = Path.of("src/test/js");
    private static final Instant IAT = Instant.parse("2026-11-26T18:00:00Z");
    private static final Instant EXP = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void tokenMintedByTheJsSdkVerifiesInJavaWithItsGrantsReadCorrectly() throws Exception {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("apiKey", TestKeys.KEY);
        in.put("name", "carol@example.com");
        in.put("room", "js-room");
        in.put("role", "agent");
        in.put("expSeconds", EXP.getEpochSecond());
        String jwt = node("mint.cjs", JSONObjectUtils.toJSONString(in)).strip();

        ParticipantToken token = ParticipantToken.verify(jwt, TestKeys.key());
        assertEquals("carol@example.com", token.name());
        assertEquals("js-room", token.room().orElseThrow());
        assertEquals(ParticipantRole.AGENT, token.role());
        assertEquals(TestKeys.PROJECT_ID, token.projectId());
        assertEquals(TestKeys.KEY_ID, token.apiKeyId());
        assertEquals(EXP, token.expiresAt());
        ApiScope api = token.api().orElseThrow();
        assertEquals(List.of("openai/*"), api.grant(ApiScope.Llm.class).orElseThrow().models());
        assertEquals(new ApiScope.Messaging(false, true, true), api.grant(ApiScope.Messaging.class).orElseThrow());
        // The JS SDK's userDefault() carries secrets but (0.39.9) knows no sqlite: see ApiScope javadoc.
        assertTrue(api.has(ApiScope.Secrets.class));
        assertFalse(api.has(ApiScope.Sqlite.class));
        assertTrue(api.has(ApiScope.Storage.class));
    }

    @Test
    void tokenMintedInJavaVerifiesWithTheJsSdkWhichDecodesTheSameGrants() throws Exception {
        ApiScope scope = ApiScope.userDefault().with(new ApiScope.Llm(List.of("anthropic/*")))
                .with(new ApiScope.Storage(List.of(new ApiScope.PathGrant("/shared/", true))))
                .with(new ApiScope.Dataset(List.of(new ApiScope.Table("notes", null, true, true, false)), false));
        String jwt = ParticipantToken.forRoom("dave@example.com", "java-room", ParticipantRole.USER, scope, IAT, EXP)
                .toJwt(TestKeys.key());

        Map<String, Object> decoded = JSONObjectUtils.parse(verifyWithJs(TestKeys.KEY, jwt));
        assertEquals("dave@example.com", decoded.get("name"));
        assertEquals("java-room", decoded.get("room"));
        assertEquals("user", decoded.get("role"));
        assertEquals(TestKeys.PROJECT_ID, decoded.get("projectId"));
        assertEquals(TestKeys.KEY_ID, decoded.get("apiKeyId"));
        assertEquals(ParticipantToken.VERSION, decoded.get("version"));
        Map<String, Object> extra = JSONObjectUtils.getJSONObject(decoded, "extra");
        assertEquals(EXP.getEpochSecond(), ((Number) extra.get("exp")).longValue());
        assertEquals(IAT.getEpochSecond(), ((Number) extra.get("iat")).longValue());
        // What the SDK re-serialises is exactly our scope, minus sqlite which SDK 0.39.9 does not model.
        ApiScope seenByJs = ApiScope.fromWire(JSONObjectUtils.getJSONObject(decoded, "api"));
        assertEquals(scope.without(ApiScope.Sqlite.class), seenByJs);
    }

    @Test
    void jsSdkRejectsAJavaTokenSignedWithAnotherKeysSecret() throws Exception {
        ApiKey other = new ApiKey(TestKeys.KEY_ID, TestKeys.PROJECT_ID, "not-the-secret");
        String jwt = ParticipantToken.forRoom("eve", "r", ParticipantRole.USER, ApiScope.none(), IAT, EXP).toJwt(other);
        NodeResult result = run("verify.cjs", input(TestKeys.KEY, jwt));
        assertNotEquals(0, result.exit);
        assertTrue(result.stderr.contains("verification failed"), result.stderr);
    }

    private static String verifyWithJs(String apiKey, String jwt) throws Exception {
        NodeResult r = run("verify.cjs", input(apiKey, jwt));
        if (r.exit != 0) {
            fail("JS SDK did not verify the Java token: " + r.stderr);
        }
        return r.stdout;
    }

    private static String input(String apiKey, String jwt) {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("apiKey", apiKey);
        in.put("jwt", jwt);
        return JSONObjectUtils.toJSONString(in);
    }

    private static String node(String script, String stdin) throws Exception {
        NodeResult r = run(script, stdin);
        if (r.exit != 0) {
            fail("node " + script + " exited " + r.exit + ": " + r.stderr);
        }
        return r.stdout;
    }

    private record NodeResult(int exit, String stdout, String stderr) {}

    /** Runs node with a hard 60 s timeout; input goes through stdin so no secret is on a command line. */
    private static NodeResult run(String script, String stdin) throws Exception {
        if (!Files.isDirectory(JS.resolve("node_modules/@meshagent/meshagent"))) {
            fail("@meshagent/meshagent is not installed in " + JS.toAbsolutePath()
                    + "; the build runs `npm ci` there in generate-test-resources");
        }
        Path out = Files.createTempFile("node-out", ".txt");
        Path err = Files.createTempFile("node-err", ".txt");
        try {
            Process p;
            try {
                p = new ProcessBuilder("node", script).directory(JS.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            } catch (IOException e) {
                throw new AssertionError("node is required for the JS SDK interop test but could not be started", e);
            }
            try (OutputStream os = p.getOutputStream()) {
                os.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("node " + script + " did not finish within 60 s");
            }
            return new NodeResult(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
