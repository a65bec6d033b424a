package com.meshagent.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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

    /**
     * Internal classes get only the settings they use (issue 9): the whole {@link MeshAgentConfig} reaches internal
     * code through the engine, which composes the filter, and through {@code ProviderClient.Settings.of}, which picks
     * the grant's settings; no other constructor or method of {@code internal.*} takes it.
     */
    @Test
    void internalClassesTakeOnlyTheSettingsTheyUse() throws Exception {
        List<String> takers = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN.resolve("internal"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java") && !f.endsWith("package-info.java")).toList()) {
                String relative = MAIN.relativize(p).toString().replace(File.separatorChar, '.');
                takersOfTheConfig(Class.forName("com.meshagent.filter." + relative.replaceAll("\\.java$", "")), takers);
            }
        }
        takers.removeAll(List.of("SignInEngine.<init>", "ProviderClient.Settings.of"));
        assertEquals(List.of(), takers, "internal classes take the settings they use, not the whole MeshAgentConfig");
    }

    private static void takersOfTheConfig(Class<?> type, List<String> takers) {
        List<Executable> members = new ArrayList<>(Arrays.asList(type.getDeclaredConstructors()));
        members.addAll(Arrays.asList(type.getDeclaredMethods()));
        for (Executable e : members) {
            if (!e.isSynthetic() && Arrays.asList(e.getParameterTypes()).contains(MeshAgentConfig.class)) {
                String owner = type.getName().substring(type.getPackageName().length() + 1).replace('$', '.');
                takers.add(owner + "." + (e instanceof Constructor ? "<init>" : e.getName()));
            }
        }
        for (Class<?> nested : type.getDeclaredClasses()) {
            takersOfTheConfig(nested, takers);
        }
    }

    /** The sample, the CLI and the Spring Boot starter use the exported API only (the benchmarks measure internals). */
    @Test
    void otherModulesUseOnlyTheExportedPackages() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (String module : List.of("sample-app", "meshagent-cli", "meshagent-spring-boot-starter")) {
            Path src = Path.of("..", module, "src");
            assertTrue(Files.isDirectory(src), src + " is gone: name the module that replaced it here");
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
