package com.meshagent.filter.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The filter's JSON answers, written by hand, are byte for byte what Nimbus (Gson) would have written. */
class CompactJsonTest {

    private static final List<String> AWKWARD = List.of("", "plain", "quote\" back\\slash /slash",
            "ctl \u0000\u0001\u001f \b\f\n\r\t", "html <script>&amp;='x'", "line\u2028para\u2029", "é ü 漢字 🙂",
            "\ud800 lone surrogate", "del \u007f", "\"at the start", "at the end\\", "\"\"\n\u2028", "x\ty\u0000z");

    @Test
    void roomTokenAnswersWithAwkwardNamesMatchNimbus() {
        for (String name : AWKWARD) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("token", "eyJhbGciOiJIUzI1NiJ9.e30.sig");
            body.put("room_url", "wss://rooms.example/rooms/lobby");
            body.put("room_name", "lobby");
            body.put("participant_name", name);
            body.put("expires_at", "2026-12-01T02:00:00Z");
            assertEquals(JSONObjectUtils.toJSONString(body), CompactJson.toJson(body), name);
        }
    }

    @Test
    void problemsSessionInfoAndRoomListsMatchNimbus() {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", "u-1");
        user.put("email", null);
        user.put("name", AWKWARD.get(4));
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("signed_in", true);
        session.put("user", user);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("status", 401);
        problem.put("reason", "not_signed_in");
        problem.put("login_url", "/meshagent/login?return_to=%2Fapp%3Fa%3D1%26b%3D2");
        for (Map<String, ?> m : List.<Map<String, ?>>of(session, problem, Map.of("rooms", AWKWARD), Map.of("rooms", List.of()),
                Map.of("n", Long.MAX_VALUE, "f", false, "nested", Arrays.asList(1, null, Map.of())))) {
            assertEquals(JSONObjectUtils.toJSONString(m), CompactJson.toJson(m));
        }
    }
}
