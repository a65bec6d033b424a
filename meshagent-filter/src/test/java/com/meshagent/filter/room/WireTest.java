package com.meshagent.filter.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireTest {

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
        assertEquals(JSONObjectUtils.toJSONString(m), Wire.toJson(m));
    }

    @Test
    void parsedPayloadsWriteBackIdentically() throws Exception {
        String json = "{\"b\":1,\"a\":{\"c\":[1.25,true,null,\"x\"]},\"d\":12345678901,\"e\":-3,\"f\":\"\\u00e9\"}";
        Map<String, Object> parsed = JSONObjectUtils.parse(json);
        assertEquals(JSONObjectUtils.toJSONString(parsed), Wire.toJson(parsed));
    }

    @Test
    void nonFiniteNumbersAndUnknownTypesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Wire.toJson(Map.of("x", Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> Wire.toJson(Map.of("x", new Object())));
    }
}
