package com.meshagent.filter.admin;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small typed readers over Nimbus' parsed JSON maps. */
final class Json {
    private static final int MAX_MESSAGE = 300;

    private Json() {}

    static String string(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v instanceof String s ? s : null;
    }

    static String requiredString(Map<String, Object> m, String key) {
        String s = string(m, key);
        if (s == null) {
            throw new MeshAgentApiException("reading the response", 200, "\"" + key + "\" is missing");
        }
        return s;
    }

    static List<String> strings(Map<String, Object> m, String key) {
        List<String> out = new ArrayList<>();
        if (m.get(key) instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof String s) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> objects(Map<String, Object> m, String key) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (m.get(key) instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> map) {
                    out.add((Map<String, Object>) map);
                }
            }
        }
        return out;
    }

    /**
     * The server's message from an error body: {@code error.message} (the one shape an SDK parses, §5.1),
     * {@code error_description}, {@code message}, {@code detail}, a string {@code error}, else the raw text.
     */
    @SuppressWarnings("unchecked")
    static String errorMessage(String body) {
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        try {
            Map<String, Object> m = JSONObjectUtils.parse(body);
            if (m.get("error") instanceof Map<?, ?> e && ((Map<String, Object>) e).get("message") instanceof String s) {
                return shorten(s);
            }
            for (String key : List.of("error_description", "message", "detail", "error")) {
                if (m.get(key) instanceof String s) {
                    return shorten(s);
                }
            }
        } catch (ParseException e) {
            // not JSON: fall through to the raw text
        }
        return shorten(body.strip());
    }

    private static String shorten(String s) {
        return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE) + "...";
    }
}
