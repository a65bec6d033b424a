package com.meshagent.filter.internal.json;

import java.util.List;
import java.util.Map;

/**
 * Compact JSON for what the filter writes itself: minted tokens' claims and its JSON answers. Byte for byte
 * what Nimbus' {@code JSONObjectUtils.toJSONString} writes (JsonTest, CompactJsonTest, OutcomeWriterTest); reached through {@link Json#write}.
 */
public final class CompactJson {
    private CompactJson() {}

    /** Compact JSON of {@code map}, keys in iteration order. */
    public static String toJson(Map<String, ?> map) {
        StringBuilder sb = new StringBuilder(256);
        value(sb, map);
        return sb.toString();
    }

    /**
     * Writes {@code v} (String, Number, Boolean, null, Map, List) as compact JSON. Hand-written because a token
     * is minted per cache miss and Gson's reflective writer was most of a mint's cost (and a tenth of a room-token
     * answer's, docs/benchmarks.md); the output is the same
     * as Nimbus' {@code JSONObjectUtils.toJSONString} (Gson without HTML escaping): no whitespace, insertion
     * order, {@code "} {@code \} and control characters escaped, U+2028/U+2029 escaped, nothing else.
     */
    public static void value(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            string(sb, s);
        } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof Short
                || v instanceof Byte) {
            sb.append(v);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("JSON cannot hold " + d);
            }
            sb.append(v);
        } else if (v instanceof Number n) {
            sb.append(n.toString());
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                string(sb, String.valueOf(e.getKey()));
                sb.append(':');
                value(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                value(sb, l.get(i));
            }
            sb.append(']');
        } else {
            throw new IllegalArgumentException("cannot write " + v.getClass().getName() + " as JSON");
        }
    }

    /** Appends {@code s} as a JSON string: quoted, with only what must be escaped escaped. */
    public static void string(StringBuilder sb, String s) {
        sb.append('"');
        int done = 0; // s[0, done) is written
        for (int i = 0; i < s.length(); i++) {
            String escaped = escape(s.charAt(i));
            if (escaped != null) {
                sb.append(s, done, i).append(escaped);
                done = i + 1;
            }
        }
        // a token or a URL has nothing to escape: one bulk copy, not a character at a time (docs/benchmarks.md)
        if (done == 0) {
            sb.append(s);
        } else {
            sb.append(s, done, s.length());
        }
        sb.append('"');
    }

    /** What stands for {@code c} in a JSON string, or {@code null} when {@code c} stands for itself. */
    private static String escape(char c) {
        if (c >= 0x20 && c != '"' && c != '\\' && c != '\u2028' && c != '\u2029') {
            return null;
        }
        return switch (c) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            case '\u2028' -> "\\u2028";
            case '\u2029' -> "\\u2029";
            default -> String.format("\\u%04x", (int) c);
        };
    }
}
