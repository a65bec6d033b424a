package com.meshagent.filter.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void handWrittenJsonIsByteIdenticalToNimbusForEveryValueKindAndAwkwardString() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("plain", "alice@example.com");
        m.put("awkward", "q\" b\\ / <tag>&='x' \n\r\t\b\f \u0001\u001f é 漢 😀 \u2028\u2029 \u007f");
        m.put("long", 1893456000L);
        m.put("int", 7);
        m.put("double", 1.5);
        m.put("true", true);
        m.put("null", null);
        m.put("empty", new LinkedHashMap<>());
        m.put("list", new ArrayList<>(Arrays.asList("a", 2L, false, null, List.of(), Map.of("k", "v"))));
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("z", 1);
        nested.put("a", List.of(Map.of()));
        m.put("nested", nested);
        assertEquals(JSONObjectUtils.toJSONString(m), Json.write(m));
    }

    @Test
    void parsedPayloadsWriteBackIdentically() throws Exception {
        String json = "{\"b\":1,\"a\":{\"c\":[1.25,true,null,\"x\"]},\"d\":12345678901,\"e\":-3,\"f\":\"\\u00e9\"}";
        Map<String, Object> parsed = JSONObjectUtils.parse(json);
        assertEquals(JSONObjectUtils.toJSONString(parsed), Json.write(parsed));
    }

    @Test
    void nonFiniteNumbersAndUnknownTypesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of("x", Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of("x", new Object())));
    }

    @Test
    void escapingRoundTripsThroughNimbusParsing() {
        String awkward = "</script><b>\"x\"</b>\\ \u0000 \u001b \u2028 é";
        String json = Json.write(Map.of("s", awkward));
        assertEquals(awkward, Json.parseObject(json).get("s"));
        assertEquals("{\"s\":\"a\\u0000b\"}", Json.write(Map.of("s", "a\u0000b")));
    }

    @Test
    void anythingButAnObjectIsRefusedWithAClearMessage() {
        for (String bad : Arrays.asList(null, "", "[1,2]", "\"text\"", "{\"a\":", "{a:1}x", "nul")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parseObject(bad),
                    String.valueOf(bad));
            assertTrue(e.getMessage().startsWith("not a JSON object"), e.getMessage());
        }
    }

    @Test
    void typedReadersNameTheKeyOfAWrongType() {
        Map<String, Object> in = Json.parseObject("{\"n\":1,\"l\":[\"a\",2],\"o\":\"x\",\"b\":\"true\"}");
        assertEquals("\"n\" must be a string", assertThrows(IllegalArgumentException.class,
                () -> Json.string(in, "n")).getMessage());
        assertEquals("\"l\" must be a list of strings", assertThrows(IllegalArgumentException.class,
                () -> Json.strings(in, "l")).getMessage());
        assertEquals("\"o\" must be an object", assertThrows(IllegalArgumentException.class,
                () -> Json.object(in, "o")).getMessage());
        assertEquals("\"b\" must be a boolean", assertThrows(IllegalArgumentException.class,
                () -> Json.bool(in, "b", false)).getMessage());
        assertEquals("\"missing\" is required", assertThrows(IllegalArgumentException.class,
                () -> Json.requiredString(in, "missing")).getMessage());
        assertNull(Json.string(in, "missing"));
        assertNull(Json.strings(in, "missing"));
    }
}
