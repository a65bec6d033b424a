package com.meshagent.filter.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.filter.MeshAgentUser;
import com.meshagent.filter.room.RoomAccess;
import com.meshagent.filter.room.RoomAccessPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's Java examples are {@link ReadmeExample} (embedding), {@link ReadmeRoomsExample} (a policy) and
 * {@link ReadmeClusterExample} (many nodes). Each compiles with only the imports the README shows, and the README
 * shows it unchanged: imports, a blank line, then the code.
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

    /** The README's block for {@code file}: its imports, a blank line, then its snippet, as it is compiled here. */
    private static String block(String file) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/test/java/com/meshagent/filter/readme", file));
        List<String> imports = between(lines, "// README:imports", "// README:imports-end", 0);
        List<String> body = between(lines, "// README:begin", "// README:end", 8);
        assertTrue(!imports.isEmpty() && imports.stream().allMatch(l -> l.startsWith("import ")), "imports found in " + file);
        assertTrue(body.size() > 3, "snippet found in " + file);
        return "```java\n" + String.join("\n", imports) + "\n\n" + String.join("\n", body) + "\n```";
    }

    @ParameterizedTest
    @ValueSource(strings = {"ReadmeExample.java", "ReadmeRoomsExample.java", "ReadmeClusterExample.java"})
    void readmeShowsEachCompiledExampleWithItsImportsVerbatim(String file) throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        String block = block(file);
        assertTrue(readme.contains(block), "README must contain, verbatim:\n" + block);
        assertEquals(1, readme.split("README:", -1).length, "no marker text leaks into the README");
    }

    @Test
    void everyJavaBlockOfTheReadmeIsOneOfTheCompiledExamples() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        int blocks = readme.split("```java\n", -1).length - 1;
        // the three above, and the Spring Boot one, which the starter's ReadmeBootExampleTest checks
        assertEquals(4, blocks, "a new Java block in the README needs a compiled example here or in the starter");
    }

    @Test
    void theReadmePolicyKeepsPrivateRoomsClosedAndLetsVerifiedExampleComUsersIn() {
        RoomAccessPolicy policy = ReadmeRoomsExample.policy();
        MeshAgentUser ada = new MeshAgentUser("https://api.meshagent.com", "u-ada", "ada@example.com", "Ada", true);
        MeshAgentUser claims = new MeshAgentUser("https://idp.example", "u-eve", "eve@example.com", "Eve", false);
        assertInstanceOf(RoomAccess.Allowed.class, policy.decide(ada, "team-general"));
        assertEquals(new RoomAccess.Denied("Private rooms are invite-only"), policy.decide(ada, "private-board"));
        assertInstanceOf(RoomAccess.Denied.class, policy.decide(claims, "team-general"), "an unverified email matches no rule");
        assertEquals(List.of("team-general"), policy.suggestedRooms(ada));
    }
}
