package com.meshagent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.filter.admin.FakeMeshAgent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The command line's parsing, exit codes and output against a scripted server. */
class MeshAgentCliTest {

    private FakeMeshAgent server;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void start() throws Exception {
        server = new FakeMeshAgent();
        env.put("MESHAGENT_API_URL", server.uri().toString());
        env.put("MESHAGENT_API_KEY", FakeMeshAgent.KEY);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private int run(String... args) {
        return new MeshAgentCli(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void createPrintsTheClientIdAndTheSecretOnceAsEnvLinesUsingTheKeysProjectByDefault() {
        server.answer(201, "{\"client_id\":\"c9\",\"client_secret\":\"sec-9\",\"grant_types\":[\"authorization_code\"],"
                + "\"response_types\":[\"code\"],\"redirect_uris\":[\"https://a.example/cb\"],\"scope\":\"profile:read\","
                + "\"metadata\":{\"name\":\"App\"}}");
        assertEquals(0, run("oauth-clients", "create", "--name", "App", "--redirect-uri", "https://a.example/cb",
                "--scope", "profile:read"));
        assertTrue(out().contains("MESHAGENT_CLIENT_ID=c9\n"), out());
        assertTrue(out().contains("MESHAGENT_CLIENT_SECRET=sec-9\n"), out());
        assertEquals("/accounts/projects/" + FakeMeshAgent.PROJECT + "/oauth/clients", server.requests().get(0).path());
        assertTrue(server.requests().get(0).body().contains("\"grant_types\":[\"authorization_code\",\"refresh_token\"]"));
    }

    @Test
    void createWithoutRedirectUriIsAUsageErrorAndSendsNothing() {
        assertEquals(2, run("oauth-clients", "create", "--name", "App"));
        assertTrue(err().contains("needs at least one redirect URI"), err());
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void serverRefusalExitsOneWithTheServersMessage() {
        server.answer(403, "{\"error\":{\"message\":\"needs oauth_client_manager\"}}");
        assertEquals(1, run("oauth-clients", "delete", "c1"));
        assertTrue(err().contains("needs oauth_client_manager"), err());
    }

    @Test
    void missingApiKeyOrUnknownCommandIsAUsageError() {
        assertEquals(2, run("frobnicate"));
        assertTrue(err().contains("unknown command: frobnicate"), err());
        env.remove("MESHAGENT_API_KEY");
        assertEquals(2, run("oauth-clients", "list"));
        assertTrue(err().contains("MESHAGENT_API_KEY is not set"));
    }

    @Test
    void malformedApiKeyIsReportedWithoutEchoingIt() {
        env.put("MESHAGENT_API_KEY", "ma-broken-topsecretvalue");
        assertEquals(2, run("role"));
        assertFalse(err().contains("topsecretvalue"), err());
    }

    @Test
    void helpPrintsUsageAndSucceeds() {
        assertEquals(0, run("--help"));
        assertTrue(out().contains("oauth-clients create"));
        assertEquals(2, run());
    }

    @Test
    void externalOAuthCreateTakesTheSecretFromTheEnvironmentAndTheRoomFromAnOption() {
        env.put("MESHAGENT_EXTERNAL_CLIENT_SECRET", "provider-secret");
        server.answer(200, "{\"id\":\"reg-7\"}");
        assertEquals(0, run("external-oauth", "create", "--room", "team-a", "--client-id", "abc",
                "--authorization-endpoint", "https://p/a", "--token-endpoint", "https://p/t", "--scope", "read", "--scope", "write"));
        assertEquals("id=reg-7\n", out());
        FakeMeshAgent.Request r = server.requests().get(0);
        assertEquals("/accounts/projects/" + FakeMeshAgent.PROJECT + "/rooms/team-a/external-oauth", r.path());
        assertTrue(r.body().contains("\"client_secret\":\"provider-secret\""));
        assertTrue(r.body().contains("\"scopes\":[\"read\",\"write\"]"));
    }

    @Test
    void optionWithoutValueIsAUsageError() {
        assertEquals(2, run("external-oauth", "list", "--room"));
        assertTrue(err().contains("--room needs a value"));
    }
}
