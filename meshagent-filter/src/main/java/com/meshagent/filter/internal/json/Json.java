package com.meshagent.filter.internal.json;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The filter's one way to handle JSON (participant tokens and scopes, docs/meshagent-protocol.md §4; problem documents, the admin REST client,
 * provider responses): parsed by Nimbus's {@link JSONObjectUtils} (the JSON support nimbus-jose-jwt ships;
 * keeps key order), written compact in insertion order by {@link #write}, byte for byte what
 * {@code JSONObjectUtils.toJSONString} writes (JsonTest). Typed readers throw {@link IllegalArgumentException}
 * naming the offending key; callers turn that into their own error. Not API.
 */
public final class Json {
    private Json() {}

    /** Compact JSON of {@code map}, keys in iteration order. */
    public static String write(Map<String, ?> map) {
        return CompactJson.toJson(map);
    }

    /** Writes {@code v} (String, Number, Boolean, null, Map, List) as compact JSON: see {@link CompactJson#value}. */
    public static void value(StringBuilder sb, Object v) {
        CompactJson.value(sb, v);
    }

    public static void string(StringBuilder sb, String s) {
        CompactJson.string(sb, s);
    }

    /** Parses a JSON object; anything else (an array, a bare value, broken text, {@code null}) is refused. */
    public static Map<String, Object> parseObject(String json) {
        return parse(json, JSONObjectUtils::parse, "not a JSON object");
    }

    /** One of Nimbus's parsers, which report unreadable text as a {@link ParseException}. */
    @FunctionalInterface
    public interface Parser<T> {
        /** What {@code text} says; a {@link ParseException} when it cannot be read. */
        T parse(String text) throws ParseException;
    }

    /**
     * What {@code parser} reads from {@code text}; {@code null} or unreadable text is an
     * {@link IllegalArgumentException} whose message is {@code refusal}, a colon and the reason (never the text).
     */
    public static <T> T parse(String text, Parser<T> parser, String refusal) {
        if (text == null) {
            throw new IllegalArgumentException(refusal + ": no text");
        }
        try {
            return parser.parse(text);
        } catch (ParseException e) {
            throw new IllegalArgumentException(refusal + ": " + e.getMessage());
        }
    }

    /** Starts an output object. */
    public static Out out() {
        return new Out();
    }

    public static final class Out {
        private final Map<String, Object> map = new LinkedHashMap<>();

        /** Writes {@code value} only when it differs from {@code dflt} (both SDKs omit defaults). */
        public Out bool(String key, boolean value, boolean dflt) {
            if (value != dflt) {
                map.put(key, value);
            }
            return this;
        }

        /** Writes a list only when present ({@code null} is the default "no restriction"). */
        public Out strings(String key, List<String> value) {
            if (value != null) {
                map.put(key, value);
            }
            return this;
        }

        public <T> Out objects(String key, List<T> value, Function<T, Map<String, Object>> writer) {
            if (value != null) {
                List<Object> list = new ArrayList<>(value.size());
                for (T item : value) {
                    list.add(writer.apply(item));
                }
                map.put(key, list);
            }
            return this;
        }

        public Out put(String key, Object value) {
            if (value != null) {
                map.put(key, value);
            }
            return this;
        }

        public Map<String, Object> map() {
            return map;
        }
    }

    public static boolean bool(Map<String, Object> in, String key, boolean dflt) {
        Boolean b = typed(in, key, Boolean.class, "a boolean");
        return b == null ? dflt : b;
    }

    public static String string(Map<String, Object> in, String key) {
        return typed(in, key, String.class, "a string");
    }

    public static String requiredString(Map<String, Object> in, String key) {
        String s = string(in, key);
        if (s == null) {
            throw new IllegalArgumentException("\"" + key + "\" is required");
        }
        return s;
    }

    public static List<String> strings(Map<String, Object> in, String key) {
        List<?> list = typed(in, key, List.class, "a list of strings");
        if (list == null) {
            return null;
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof String s)) {
                throw new IllegalArgumentException("\"" + key + "\" must be a list of strings");
            }
            out.add(s);
        }
        return out;
    }

    public static <T> List<T> objects(Map<String, Object> in, String key, Function<Map<String, Object>, T> reader) {
        List<?> list = typed(in, key, List.class, "a list of objects");
        if (list == null) {
            return null;
        }
        List<T> out = new ArrayList<>(list.size());
        for (Object item : list) {
            out.add(reader.apply(object(item, key)));
        }
        return out;
    }

    public static Map<String, Object> object(Map<String, Object> in, String key) {
        Object v = in.get(key);
        return v == null ? null : object(v, key);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object v, String key) {
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException("\"" + key + "\" must be an object");
    }

    /** The value at {@code key} as a {@code type}, {@code null} when absent; {@code what} names the type in the error. */
    private static <T> T typed(Map<String, Object> in, String key, Class<T> type, String what) {
        Object v = in.get(key);
        if (v == null || type.isInstance(v)) {
            return type.cast(v);
        }
        throw new IllegalArgumentException("\"" + key + "\" must be " + what);
    }

    /** Immutable copy of a nullable list ({@code null} keeps meaning "no restriction"). */
    public static <T> List<T> copy(List<T> list) {
        return list == null ? null : List.copyOf(list);
    }
}
