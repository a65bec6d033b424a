package com.meshagent.filter.room;

/**
 * The {@code api} grant of a participant token (meshagent-protocol.md §4.4).
 *
 * <p>SKELETON laid down for the module split; issue #4 replaces it with the full model.
 */
public final class ApiScope {
    private ApiScope() {}

    public static ApiScope userDefault() {
        return new ApiScope();
    }

    public static ApiScope agentDefault() {
        return new ApiScope();
    }

    public static ApiScope full() {
        return new ApiScope();
    }
}
