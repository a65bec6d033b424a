package com.meshagent.filter.room;

import com.meshagent.filter.MeshAgentUser;
import java.util.List;

/**
 * Decides which MeshAgent rooms a signed-in user may join, and with which grants.
 *
 * <p>Policy authors implement the one method {@link #decide}. It is called before every participant
 * token is minted (a cached token is reused only while the decision stays the same), so it must be
 * fast and thread-safe. A policy that throws never produces a token: the filter answers 500 with a
 * problem document and logs the exception.
 *
 * <p>The library ships {@code denyAll()}, {@code allowAll(role, scope)}, a rule builder and
 * {@code firstMatch(...)} as static factories here. See {@code docs/policies.md}.
 */
@FunctionalInterface
public interface RoomAccessPolicy {

    /**
     * Decides whether {@code user} may join {@code roomName}.
     *
     * @param user the signed-in user, never {@code null}
     * @param roomName a room name already checked to be valid for MeshAgent
     * @return {@link RoomAccess.Allowed} with the grants, or {@link RoomAccess.Denied} with a reason
     *     fit to show the user; never {@code null}
     */
    RoomAccess decide(MeshAgentUser user, String roomName);

    /**
     * Rooms to suggest to {@code user} (for a room picker). Suggestions are hints only: joining any
     * of them still goes through {@link #decide}. The default suggests none.
     */
    default List<String> suggestedRooms(MeshAgentUser user) {
        return List.of();
    }
}
