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
        if (json == null) {
            throw new IllegalArgumentException("not a JSON object: no text");
        }
        try {
            return JSONObjectUtils.parse(json);
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getMessage());
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
        Object v = in.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("\"" + key + "\" must be a boolean");
    }

    public static String string(Map<String, Object> in, String key) {
        Object v = in.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("\"" + key + "\" must be a string");
    }

    public static String requiredString(Map<String, Object> in, String key) {
        String s = string(in, key);
        if (s == null) {
            throw new IllegalArgumentException("\"" + key + "\" is required");
        }
        return s;
    }

    public static List<String> strings(Map<String, Object> in, String key) {
        Object v = in.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> list)) {
            throw new IllegalArgumentException("\"" + key + "\" must be a list of strings");
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
        Object v = in.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> list)) {
            throw new IllegalArgumentException("\"" + key + "\" must be a list of objects");
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

    /** Immutable copy of a nullable list ({@code null} keeps meaning "no restriction"). */
    public static <T> List<T> copy(List<T> list) {
        return list == null ? null : List.copyOf(list);
    }
}
