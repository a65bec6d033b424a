package com.meshagent.filter.testing;

import com.meshagent.filter.internal.flow.Exchange;
import com.meshagent.filter.internal.flow.SessionView;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An {@link Exchange} built by hand, with an in-memory session, for tests of the neutral engine. */
public final class FakeExchange implements Exchange {

    private final String method;
    private final String path;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, List<String>> params = new LinkedHashMap<>();
    private final InMemorySession session = new InMemorySession();

    public FakeExchange(String method, String path) {
        this.method = method;
        this.path = path;
    }

    /** Adds a query parameter value (repeat the call to repeat the parameter). */
    public FakeExchange param(String name, String value) {
        params.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(value);
        return this;
    }

    public FakeExchange header(String name, String value) {
        headers.put(name.toLowerCase(), value);
        return this;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String contextPath() {
        return "";
    }

    @Override
    public String requestTarget() {
        return path;
    }

    @Override
    public List<String> params(String name) {
        return List.copyOf(params.getOrDefault(name, List.of()));
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase()));
    }

    @Override
    public String origin() {
        return "http://app.example:8080";
    }

    @Override
    public SessionView session() {
        return session;
    }

    /** A session in a map. */
    public static final class InMemorySession implements SessionView {
        private Map<String, Object> attributes;
        private int ids;

        @Override
        public <T> Optional<T> get(String key, Class<T> type) {
            Object v = attributes == null ? null : attributes.get(key);
            return type.isInstance(v) ? Optional.of(type.cast(v)) : Optional.empty();
        }

        @Override
        public void put(String key, Object value) {
            if (attributes == null) {
                attributes = new HashMap<>();
                ids++;
            }
            attributes.put(key, value);
        }

        @Override
        public void remove(String key) {
            if (attributes != null) {
                attributes.remove(key);
            }
        }

        @Override
        public Optional<String> id() {
            return attributes == null ? Optional.empty() : Optional.of("s" + ids);
        }

        @Override
        public void changeId() {
            ids++;
        }

        @Override
        public void limitLifetime(Duration idle) {
        }

        @Override
        public void restoreLifetime() {
        }

        @Override
        public Object mutex() {
            return this;
        }

        @Override
        public void invalidate() {
            attributes = null;
        }
    }
}
