package com.meshagent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.devserver.DevServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar as an admin meets it: {@code java -jar meshagent-cli.jar ...} in its own process, against the
 * devserver. Runs after {@code package} (failsafe), so the shaded jar and its manifest are the ones shipped.
 */
class MeshAgentCliJarIT {

    private static final Path JAR = Path.of("target", "meshagent-cli.jar");

    private static DevServer server;

    @BeforeAll
    static void start() {
        server = DevServer.start(0);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private record Run(int status, String out, String err) {}

    private static Run run(String... args) throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(JAR), "built by package: " + JAR.toAbsolutePath());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("MESHAGENT_API_URL", server.baseUri().toString());
        pb.environment().put("MESHAGENT_API_KEY", server.bootstrap().apiKey());
        pb.environment().remove("MESHAGENT_PROJECT_ID");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the CLI exits");
        return new Run(p.exitValue(), out, err);
    }

    @Test
    void theJarRunsTheCliAgainstMeshAgent() throws Exception {
        Run help = run("--help");
        assertEquals(0, help.status(), help.err());
        assertTrue(help.out().contains("usage: java -jar meshagent-cli.jar"), help.out());

        Run role = run("role");
        assertEquals(0, role.status(), role.err());
        assertTrue(role.out().contains("role=admin"), role.out());

        Run unknown = run("frobnicate");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("unknown command: frobnicate"), unknown.err());
    }
}
