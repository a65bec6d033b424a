package com.meshagent.filter.room;

import com.meshagent.filter.MeshAgentUser;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Decides which MeshAgent rooms a signed-in user may join, and with which grants.
 *
 * <p>Policy authors implement the one method {@link #decide}. It is called before every participant
 * token is handed out (a cached token is reused only while the decision stays the same), so it must be
 * fast and thread-safe. A policy that throws (or returns {@code null}) never produces a token: the filter
 * answers 500 with a problem document and logs the exception.
 *
 * <p>Built in: {@link #denyAll()}, {@link #allowAll(ParticipantRole, ApiScope)}, the rule builder
 * {@link #rules()} (by email domain, user id, room-name pattern; role, scope and ttl per rule) and
 * {@link #firstMatch(RoomAccessPolicy...)}. See {@code docs/policies.md}.
 */
@FunctionalInterface
public interface RoomAccessPolicy {

    /** The participant-token lifetime of the built-in policies when none is given: one hour. */
    Duration DEFAULT_TTL = Duration.ofHours(1);

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
     *
     * @param user the signed-in user
     * @return room names, best first; empty for none
     */
    default List<String> suggestedRooms(MeshAgentUser user) {
        return List.of();
    }

    /**
     * Nobody may join any room (the library's default until a policy is configured).
     *
     * @return a policy denying every request
     */
    static RoomAccessPolicy denyAll() {
        return new RoomAccessPolicy() {
            @Override
            public RoomAccess decide(MeshAgentUser user, String roomName) {
                return new RoomAccess.Denied("Rooms are not enabled for this application");
            }

            @Override
            public String toString() {
                return "RoomAccessPolicy.denyAll()";
            }
        };
    }

    /**
     * Every signed-in user may join every room as {@code role} with {@code scope}, tokens living
     * {@link #DEFAULT_TTL}. Meant for development and single-team deployments.
     *
     * @param role  the role every participant gets
     * @param scope the room APIs every participant may use
     * @return a policy allowing every request
     */
    static RoomAccessPolicy allowAll(ParticipantRole role, ApiScope scope) {
        RoomAccess.Allowed allowed = new RoomAccess.Allowed(role, scope, DEFAULT_TTL);
        return (user, roomName) -> allowed;
    }

    /**
     * A rule builder: rules are tried in order, the first whose condition matches decides; when none
     * matches the user is denied. See {@link RoomRules}.
     *
     * @return a new, empty rule builder
     */
    static RoomRules.Builder rules() {
        return RoomRules.builder();
    }

    /**
     * Asks {@code policies} in order and returns the first {@link RoomAccess.Allowed}; when none allows,
     * returns the first policy's denial. So any one policy can grant, and a denial never vetoes a later
     * grant (put vetoes in a {@link #rules()} {@code deny} rule). Suggestions are the union, in order.
     *
     * @param policies at least one policy, asked in this order
     * @return the combined policy
     * @throws IllegalArgumentException when no policy is given
     */
    static RoomAccessPolicy firstMatch(RoomAccessPolicy... policies) {
        List<RoomAccessPolicy> list = List.of(policies);
        if (list.isEmpty()) {
            throw new IllegalArgumentException("firstMatch needs at least one policy");
        }
        return new RoomAccessPolicy() {
            @Override
            public RoomAccess decide(MeshAgentUser user, String roomName) {
                RoomAccess first = null;
                for (RoomAccessPolicy p : list) {
                    RoomAccess access = Objects.requireNonNull(p.decide(user, roomName), () -> p + " returned null");
                    if (access instanceof RoomAccess.Allowed) {
                        return access;
                    }
                    first = first == null ? access : first;
                }
                return first;
            }

            @Override
            public List<String> suggestedRooms(MeshAgentUser user) {
                Set<String> all = new LinkedHashSet<>();
                list.forEach(p -> all.addAll(p.suggestedRooms(user)));
                return List.copyOf(all);
            }
        };
    }
}
