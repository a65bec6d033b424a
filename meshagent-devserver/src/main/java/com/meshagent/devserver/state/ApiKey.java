package com.meshagent.devserver.state;

import java.util.Objects;

/** A project API key. {@code secret} is the HS256 key of participant tokens (docs/meshagent-protocol.md §3–4). */
public record ApiKey(String id, String projectId, String name, String secret) {
    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(secret, "secret");
    }

    /** The full {@code ma-...} value a client presents. */
    public String value() {
        return ApiKeyFormat.encode(id, projectId, secret);
    }

    @Override
    public String toString() {
        return "ApiKey[id=" + id + ", projectId=" + projectId + ", name=" + name + ", secret=<redacted>]";
    }
}
