package com.meshagent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.devserver.DevServer;
import com.meshagent.filter.admin.MeshAgentApi;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CLI against the devserver's accounts API (the real round trips). */
class MeshAgentCliDevServerTest {

    @Test
    void cliProvisionsAClientAnAdminCanThenSeeAndDelete() {
        DevServer server = DevServer.start(0);
        try {
            provisionSeeAndDelete(server, server.bootstrap().projectId());
        } finally {
            server.stop();
        }
    }

    private static void provisionSeeAndDelete(DevServer server, String project) {
        MeshAgentApi api = MeshAgentApi.builder().apiUrl(server.baseUri()).apiKey(server.bootstrap().apiKey()).build();
        Map<String, String> env = Map.of("MESHAGENT_API_URL", server.baseUri().toString(),
                "MESHAGENT_API_KEY", server.bootstrap().apiKey(), "MESHAGENT_PROJECT_ID", project);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        MeshAgentCli cli = new MeshAgentCli(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, cli.run(new String[] {"oauth-clients", "create", "--name", "From CLI",
                "--redirect-uri", "http://localhost:8080/meshagent/callback", "--scope", "profile:read"}), err.toString());
        String printed = out.toString(StandardCharsets.UTF_8);
        String id = printed.lines().filter(l -> l.startsWith("MESHAGENT_CLIENT_ID=")).findFirst().orElseThrow().substring(20);
        assertTrue(printed.lines().anyMatch(l -> l.startsWith("MESHAGENT_CLIENT_SECRET=") && l.length() > 24), printed);
        assertEquals("From CLI", api.getOAuthClient(project, id).name());

        out.reset();
        assertEquals(0, cli.run(new String[] {"oauth-clients", "list"}));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("client_id=" + id + " name=From CLI"));
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("SECRET"));

        assertEquals(0, cli.run(new String[] {"oauth-clients", "delete", id}));
        assertEquals(1, cli.run(new String[] {"oauth-clients", "delete", id}));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("404"), err.toString());
    }
}
