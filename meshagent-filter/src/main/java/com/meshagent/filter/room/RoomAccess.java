package com.meshagent.filter.room;

import java.time.Duration;
import java.util.Objects;

/** What a {@link RoomAccessPolicy} decided: {@link Allowed} or {@link Denied}. */
public sealed interface RoomAccess {

    /**
     * The user may join, as {@code role}, with the room APIs of {@code scope}; the participant token
     * lives {@code ttl} (capped by configuration).
     */
    record Allowed(ParticipantRole role, ApiScope scope, Duration ttl) implements RoomAccess {
        public Allowed {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(ttl, "ttl");
            if (ttl.isZero() || ttl.isNegative()) {
                throw new IllegalArgumentException("ttl must be positive: " + ttl);
            }
        }
    }

    /** The user may not join; {@code reason} is shown to the user, so it names no secret. */
    record Denied(String reason) implements RoomAccess {
        public Denied {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
