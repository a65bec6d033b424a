package com.meshagent.filter.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's embedding example is {@link ReadmeExample}, which compiles with only the imports the README shows,
 * and the README shows it unchanged: imports, a blank line, then the code.
 */
class ReadmeExampleTest {

    private static List<String> between(List<String> lines, String begin, String end, int indent) {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String line : lines) {
            if (line.trim().equals(end)) {
                break;
            }
            if (in) {
                out.add(line.length() >= indent ? line.substring(indent) : line.strip());
            }
            if (line.trim().equals(begin)) {
                in = true;
            }
        }
        return out;
    }

    @Test
    void readmeShowsTheCompiledEmbeddingExampleWithItsImportsVerbatim() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/test/java/com/meshagent/filter/readme/ReadmeExample.java"));
        List<String> imports = between(lines, "// README:imports", "// README:imports-end", 0);
        List<String> body = between(lines, "// README:begin", "// README:end", 8);
        assertTrue(imports.size() > 5 && imports.stream().allMatch(l -> l.startsWith("import ")), "imports found");
        assertTrue(body.size() > 10, "snippet found");
        String readme = Files.readString(Path.of("../README.md"));
        String block = "```java\n" + String.join("\n", imports) + "\n\n" + String.join("\n", body) + "\n```";
        assertTrue(readme.contains(block), "README must contain, verbatim:\n" + block);
        assertEquals(1, readme.split("README:", -1).length, "no marker text leaks into the README");
    }
}
