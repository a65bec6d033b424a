package com.meshagent.filter.room;

import com.meshagent.filter.internal.Checks;
import java.time.Duration;
import java.util.Objects;

/** What a {@link RoomAccessPolicy} decided: {@link Allowed} or {@link Denied}. */
public sealed interface RoomAccess {

    /**
     * The user may join, as {@code role}, with the room APIs of {@code scope}; the participant token
     * lives {@code ttl} (capped by configuration).
     *
     * @param role  the participant's role in the room
     * @param scope the room APIs the participant may use
     * @param ttl   how long the participant token lives; positive
     */
    record Allowed(ParticipantRole role, ApiScope scope, Duration ttl) implements RoomAccess {
        /**
         * Checks the decision.
         *
         * @param role  the participant's role in the room
         * @param scope the room APIs the participant may use
         * @param ttl   how long the participant token lives; positive
         * @throws IllegalArgumentException when {@code ttl} is zero or negative
         */
        public Allowed {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(scope, "scope");
            Checks.positive(ttl, "ttl");
        }
    }

    /**
     * The user may not join.
     *
     * @param reason shown to the user, so it names no secret
     */
    record Denied(String reason) implements RoomAccess {
        /**
         * Checks the decision.
         *
         * @param reason shown to the user; required
         */
        public Denied {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
