package com.meshagent.filter.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RS-01, RS-02, RS-03, RS-05: only same-origin relative paths survive as return targets. */
class ReturnPathsTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "https://evil.example", "http://evil.example/x", "https://localhost:8443/", "//evil.example", "///evil.example",
        "////evil.example", "/\\evil.example", "\\\\evil.example", "\\/evil.example", "/%5Cevil.example", "/%5cevil",
        "/%2F/evil.example", "/%2f%2fevil.example", "/\t/evil.example", "/%09/evil.example", "/ /evil.example",
        "/\u000b/evil.example", "/\r/evil.example", "/\n/evil.example", "/%0d/evil", "/%0a/evil", "/./\\evil.example",
        "/./../../\\evil.example", "/../evil", "/a/../..//evil", "https:evil.example", "http:/evil.example",
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java%09script:alert(1)", "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "evil.example", "", " /x",
        "/%252F%252Fevil.example", "/%E2%80%A8evil", "/x#frag", "/\u3000/evil", "%2F%2Fevil.example",
        "/@evil.example", "/x\u0000y", "/%00"
    })
    void hostileReturnTargetsFallBackToRoot(String payload) {
        String kept = ReturnPaths.sanitize(payload);
        // "/@evil.example" is a same-origin path, the only one here that may legitimately be kept
        if (payload.equals("/@evil.example")) {
            assertEquals(payload, kept);
        } else {
            assertEquals("/", kept, payload);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/app", "/app/page?x=1&y=%2F", "/rooms/team-a", "/a/b/c.html", "/search?q=caf%C3%A9"})
    void sameOriginPathsAreKept(String path) {
        assertEquals(path, ReturnPaths.sanitize(path));
    }

    @ParameterizedTest
    @ValueSource(ints = {2049, 10_000})
    void overLongPathsFallBackToRoot(int length) {
        assertEquals("/", ReturnPaths.sanitize("/" + "a".repeat(length - 1)));
    }
}
