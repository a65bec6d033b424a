package com.meshagent.spring.boot.readme;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's Spring Boot example is {@link DemoApplication} (compiled here, and the app that
 * {@code StarterAppTest} signs in to), shown unchanged with its imports.
 */
class ReadmeBootExampleTest {

    @Test
    void theReadmeShowsTheTestedApplicationVerbatim() throws Exception {
        List<String> snippet = new ArrayList<>();
        boolean in = false;
        Path source = Path.of("src/test/java/com/meshagent/spring/boot/readme/DemoApplication.java");
        for (String line : Files.readAllLines(source)) {
            if (line.trim().equals("// README:end")) {
                break;
            }
            if (in) {
                snippet.add(line);
            }
            if (line.trim().equals("// README:begin")) {
                in = true;
            }
        }
        String block = "```java\n" + String.join("\n", snippet) + "\n```";
        assertTrue(Files.readString(Path.of("../README.md")).contains(block), "README must contain, verbatim:\n" + block);
    }
}
