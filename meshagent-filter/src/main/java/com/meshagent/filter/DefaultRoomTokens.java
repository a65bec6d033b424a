package com.meshagent.filter;

import com.meshagent.filter.room.RoomTokens;
import java.util.Optional;

/**
 * The room tokens the filter serves: the configured {@link RoomTokens}; else, with an API key and a policy,
 * tokens signed locally with that key; else none (the room endpoints then answer 503 saying what to set).
 */
final class DefaultRoomTokens {

    private DefaultRoomTokens() {}

    static Optional<RoomTokens> from(MeshAgentConfig config) {
        if (config.roomTokens().isPresent()) {
            return config.roomTokens();
        }
        if (config.apiKey().isEmpty() || config.roomAccessPolicy().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(RoomTokens.builder()
                    .policy(config.roomAccessPolicy().get())
                    .apiKey(config.apiKey().get())
                    .roomUrl(config.roomUrl())
                    .clock(config.clock())
                    .build());
        } catch (IllegalArgumentException e) {
            // the key's own parser may quote it: never pass its message on
            throw new IllegalArgumentException("meshagent.api-key is not a valid MeshAgent API key");
        }
    }
}
