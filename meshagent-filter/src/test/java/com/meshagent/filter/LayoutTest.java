package com.meshagent.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** House rules of the filter's source layout (issue 9): a thin filter, a servlet-free engine. */
class LayoutTest {

    private static final Path MAIN = Path.of("src", "main", "java", "com", "meshagent", "filter");

    @Test
    void theFilterStaysAThinRouterUnder150Lines() throws IOException {
        long lines = Files.readAllLines(MAIN.resolve("MeshAgentFilter.java")).size();
        assertTrue(lines < 150, "MeshAgentFilter.java has " + lines + " lines");
    }

    @Test
    void nothingInTheEngineImportsTheServletApi() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN.resolve("internal").resolve("flow"))) {
            List<String> offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> read(p).contains("jakarta.servlet")).map(p -> p.getFileName().toString()).toList();
            assertEquals(List.of(), offenders, "internal.flow must not use jakarta.servlet");
        }
    }

    /** The sample, the CLI and the Spring Boot starter use the exported API only (the benchmarks measure internals). */
    @Test
    void otherModulesUseOnlyTheExportedPackages() throws IOException {
        List<String> offenders = new java.util.ArrayList<>();
        for (String module : List.of("sample-app", "meshagent-cli", "meshagent-spring-boot-starter")) {
            Path src = Path.of("..", module, "src");
            if (!Files.isDirectory(src)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(src)) {
                files.filter(p -> p.toString().endsWith(".java"))
                        .filter(p -> read(p).contains("com.meshagent.filter.internal"))
                        .forEach(p -> offenders.add(p.toString()));
            }
        }
        assertEquals(List.of(), offenders, "only com.meshagent.filter, .room, .admin and .cluster are exported");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
