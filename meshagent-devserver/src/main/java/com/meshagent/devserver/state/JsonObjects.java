package com.meshagent.devserver.state;

import java.util.LinkedHashMap;
import java.util.Map;

/** JSON objects of the state's records, written as the API and the data file show them. */
final class JsonObjects {
    private JsonObjects() {}

    /**
     * A fresh, modifiable object of alternating member names and values, in that order (unlike {@link Map#of},
     * ordered and allowing null values), e.g. {@code ordered("id", id, "email", email)}.
     */
    static Map<String, Object> ordered(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("a member name without a value");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return m;
    }
}
