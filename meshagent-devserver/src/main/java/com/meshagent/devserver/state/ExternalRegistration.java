package com.meshagent.devserver.state;

import java.util.Map;
import java.util.Objects;

/**
 * An external OAuth registration (docs/meshagent-protocol.md §8), at project level ({@code roomName} null) or
 * for one room. {@code body} is the validated create/update JSON (keys {@code oauth}, {@code client_id},
 * {@code client_secret}, {@code connector}, {@code delegated_to}).
 */
public record ExternalRegistration(String id, String roomName, Map<String, Object> body) {
    public ExternalRegistration {
        Objects.requireNonNull(id, "id");
        body = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(body));
    }

    @Override
    public String toString() {
        return "ExternalRegistration[id=" + id + ", roomName=" + roomName + "]";
    }
}
