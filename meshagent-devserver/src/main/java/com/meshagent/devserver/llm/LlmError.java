package com.meshagent.devserver.llm;

import java.util.Map;
import java.util.Objects;

/**
 * A refusal from the LLM stand-in: HTTP status, a stable reason code (for logs and tests) and the body in the
 * provider's error shape.
 */
record LlmError(int status, String reason, Map<String, Object> body) {
    LlmError {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be an error status: " + status);
        }
        Objects.requireNonNull(reason, "reason");
        body = Map.copyOf(body);
    }
}
