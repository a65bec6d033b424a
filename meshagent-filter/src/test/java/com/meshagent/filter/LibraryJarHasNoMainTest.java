package com.meshagent.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The filter is a library: no class compiled into its jar has a {@code public static void main}. Command lines
 * live in their own modules (meshagent-cli, meshagent-devserver).
 */
class LibraryJarHasNoMainTest {

    @Test
    void noCompiledMainClassDeclaresAMainMethod() throws Exception {
        Path classes = Path.of(MeshAgentFilter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(classes), "scans the module's compiled classes: " + classes);
        List<String> names;
        try (Stream<Path> files = Files.walk(classes)) {
            names = files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> classes.relativize(f).toString().replace('/', '.').replace('\\', '.'))
                    .map(n -> n.substring(0, n.length() - ".class".length()))
                    .filter(n -> !n.endsWith("package-info") && !n.endsWith("module-info"))
                    .toList();
        }
        assertTrue(names.size() > 50, "found the main classes: " + names.size());
        List<String> withMain = new ArrayList<>();
        for (String name : names) {
            Class<?> c = Class.forName(name, false, getClass().getClassLoader());
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals("main") && Modifier.isStatic(m.getModifiers()) && Modifier.isPublic(m.getModifiers())) {
                    withMain.add(name);
                }
            }
        }
        assertEquals(List.of(), withMain, "classes with a public static main in the filter jar");
    }
}
