package com.meshagent.filter.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReasonTest {

    /** A README table row: {@code | 401 | `not_signed_in` | ...}. */
    private static final Pattern ROW = Pattern.compile("^\\| (\\d{3}) \\| `([a-z_]+)` \\|", Pattern.MULTILINE);

    @Test
    void theReadmeTableListsExactlyTheEnumsCodes() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher m = ROW.matcher(readme);
        List<String> documented = new java.util.ArrayList<>();
        while (m.find()) {
            documented.add(m.group(2));
        }
        List<String> codes = Arrays.stream(Reason.values()).map(Reason::code).toList();
        assertEquals(codes, documented, "README 'reason' table and Reason enum, in the same order");
    }

    @Test
    void codesMapBothWays() {
        for (Reason r : Reason.values()) {
            assertEquals(r, Reason.of(r.code()));
        }
        assertEquals("not_signed_in", Reason.NOT_SIGNED_IN.code());
        assertThrows(IllegalArgumentException.class, () -> Reason.of("nonsense"));
    }
}
