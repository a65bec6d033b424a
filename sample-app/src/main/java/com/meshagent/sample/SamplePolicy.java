package com.meshagent.sample;

import com.meshagent.filter.MeshAgentUser;
import com.meshagent.filter.room.ApiScope;
import com.meshagent.filter.room.ParticipantRole;
import com.meshagent.filter.room.RoomAccess;
import com.meshagent.filter.room.RoomAccessPolicy;
import com.meshagent.filter.room.RoomName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may join which room in the sample app. Three rules, checked in this order:
 *
 * <ol>
 *   <li>a configured admin may join any room, as an {@code agent} with {@link ApiScope#agentDefault()};
 *   <li>everyone signed in may join {@code lobby}, as a {@code user} with {@link ApiScope#userDefault()};
 *   <li>a user may join the room of their email domain, {@code team-<domain with dots as dashes>}
 *       ({@code ada@example.com} joins {@code team-example-com}), as a {@code user}.
 * </ol>
 *
 * Everything else is denied with a reason the room page shows. Admins are matched by email, ignoring case.
 */
public final class SamplePolicy implements RoomAccessPolicy {

    /** The room every signed-in user may join. */
    public static final String LOBBY = "lobby";

    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    private final Set<String> adminEmails;

    /** A policy treating {@code adminEmails} (any case) as admins. */
    public SamplePolicy(Collection<String> adminEmails) {
        this.adminEmails = adminEmails.stream()
                .map(email -> email.trim().toLowerCase(Locale.ROOT))
                .filter(email -> !email.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public RoomAccess decide(MeshAgentUser user, String roomName) {
        if (isAdmin(user)) {
            return new RoomAccess.Allowed(ParticipantRole.AGENT, ApiScope.agentDefault(), TOKEN_LIFETIME);
        }
        if (roomName.equals(LOBBY) || teamRoom(user).filter(roomName::equals).isPresent()) {
            return new RoomAccess.Allowed(ParticipantRole.USER, ApiScope.userDefault(), TOKEN_LIFETIME);
        }
        String yours = teamRoom(user).map(team -> LOBBY + " and " + team).orElse(LOBBY);
        return new RoomAccess.Denied("Room '" + roomName + "' is for its team and the admins only; you may join " + yours + ".");
    }

    @Override
    public List<String> suggestedRooms(MeshAgentUser user) {
        List<String> rooms = new ArrayList<>(List.of(LOBBY));
        teamRoom(user).ifPresent(rooms::add);
        return rooms;
    }

    /** Whether {@code user}'s email is one of the configured admins. */
    public boolean isAdmin(MeshAgentUser user) {
        return user.email() != null && adminEmails.contains(user.email().trim().toLowerCase(Locale.ROOT));
    }

    /**
     * The team room of {@code user}'s email domain; empty without an email, for an address with more or
     * fewer than one {@code @}, or when the domain does not make a valid room name.
     */
    static Optional<String> teamRoom(MeshAgentUser user) {
        String email = user.email();
        if (email == null || email.indexOf('@') < 0 || email.indexOf('@') != email.lastIndexOf('@')) {
            return Optional.empty();
        }
        String domain = email.substring(email.indexOf('@') + 1).trim().toLowerCase(Locale.ROOT);
        String room = "team-" + domain.replace('.', '-');
        return RoomName.isValid(room) ? Optional.of(room) : Optional.empty();
    }
}
