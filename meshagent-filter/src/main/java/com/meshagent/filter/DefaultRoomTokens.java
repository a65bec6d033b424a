package com.meshagent.filter;

import com.meshagent.filter.room.RoomTokens;
import java.util.Optional;

/** The room tokens the filter serves: the configured ones, else none (the endpoints answer 503). */
final class DefaultRoomTokens {

    private DefaultRoomTokens() {}

    static Optional<RoomTokens> from(MeshAgentConfig config) {
        return config.roomTokens();
    }
}
