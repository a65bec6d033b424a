package com.meshagent.devserver.accounts;

import com.meshagent.devserver.http.ApiError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Typed reads from a parsed JSON object with 400 errors that name the field (never echo its value). */
final class JsonBody {
    private JsonBody() {}

    /** Refuses keys outside {@code allowed} (MeshAgent's models forbid extra fields, docs/meshagent-protocol.md §8). */
    static void onlyKeys(Map<String, Object> body, Set<String> allowed, String where) {
        Set<String> unknown = new TreeSet<>(body.keySet());
        unknown.removeAll(allowed);
        if (!unknown.isEmpty()) {
            throw ApiError.badRequest("unknown_field", "unknown field(s) in " + where + ": " + String.join(", ",
                    unknown.stream().map(JsonBody::safeName).toList()));
        }
    }

    private static String safeName(String key) {
        String k = key.length() > 40 ? key.substring(0, 40) + "..." : key;
        return k.replaceAll("[^A-Za-z0-9_.:-]", "?");
    }

    static String string(Map<String, Object> body, String key, boolean required, int maxLength) {
        Object v = body.get(key);
        if (v == null) {
            if (required) {
                throw ApiError.badRequest("missing_field", key + " is required");
            }
            return null;
        }
        if (!(v instanceof String s)) {
            throw ApiError.badRequest("invalid_field", key + " must be a string");
        }
        if (s.length() > maxLength) {
            throw ApiError.badRequest("invalid_field", key + " is longer than " + maxLength + " characters");
        }
        return s;
    }

    static List<String> strings(Map<String, Object> body, String key, int maxItems) {
        Object v = body.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> list)) {
            throw ApiError.badRequest("invalid_field", key + " must be a list of strings");
        }
        if (list.size() > maxItems) {
            throw ApiError.badRequest("invalid_field", key + " has more than " + maxItems + " items");
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s) || s.isEmpty() || s.length() > 2048) {
                throw ApiError.badRequest("invalid_field", key + " must be a list of non-empty strings");
            }
            out.add(s);
        }
        return out;
    }

    static Boolean bool(Map<String, Object> body, String key) {
        Object v = body.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Boolean b)) {
            throw ApiError.badRequest("invalid_field", key + " must be true or false");
        }
        return b;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> body, String key) {
        Object v = body.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map<?, ?>)) {
            throw ApiError.badRequest("invalid_field", key + " must be an object");
        }
        return new LinkedHashMap<>((Map<String, Object>) v);
    }

    static Map<String, String> stringMap(Map<String, Object> body, String key, int maxEntries) {
        Map<String, Object> m = object(body, key);
        if (m == null) {
            return null;
        }
        if (m.size() > maxEntries) {
            throw ApiError.badRequest("invalid_field", key + " has more than " + maxEntries + " entries");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (!(e.getValue() instanceof String s) || e.getKey().length() > 128 || s.length() > 1024) {
                throw ApiError.badRequest("invalid_field", key + " must map short strings to strings");
            }
            out.put(e.getKey(), s);
        }
        return out;
    }
}
