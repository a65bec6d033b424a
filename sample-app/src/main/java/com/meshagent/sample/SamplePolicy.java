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
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Who may join which room in the sample app. Three rules, checked in this order:
 *
 * <ol>
 *   <li>a configured admin may join any room, as an {@code agent} with {@link ApiScope#agentDefault()};
 *   <li>everyone signed in may join {@code lobby}, as a {@code user} with {@link ApiScope#userDefault()};
 *   <li>a user may join the room of their email domain, {@link #teamRoom team-<encoded domain>}
 *       ({@code ada@example.com} joins {@code team-example-com}), as a {@code user}.
 * </ol>
 *
 * Everything else is denied with a reason the room page shows. Admins and team rooms go by the
 * <b>verified</b> email only ({@link MeshAgentUser#verifiedEmail()}); admins are matched ignoring case. A
 * user whose provider did not vouch for their email joins {@code lobby} and nothing else.
 */
public final class SamplePolicy implements RoomAccessPolicy {

    /** The room every signed-in user may join. */
    public static final String LOBBY = "lobby";

    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    /** Dot-separated labels of {@code a-z0-9-}, each starting and ending with a letter or digit. */
    private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

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

    /** Whether {@code user}'s verified email is one of the configured admins. */
    public boolean isAdmin(MeshAgentUser user) {
        return user.verifiedEmail().map(email -> adminEmails.contains(email.trim().toLowerCase(Locale.ROOT))).orElse(false);
    }

    /**
     * The team room of {@code user}'s verified email domain: {@code team-} and the lower-cased domain with
     * each {@code -} doubled and each {@code .} made a single {@code -} ({@code mail.example.com} joins
     * {@code team-mail-example-com}, {@code mail-example.com} joins {@code team-mail--example-com}).
     *
     * <p>The mapping is one-to-one, so two domains never share a room: it is applied only to domains whose
     * labels are non-empty, use {@code a-z 0-9 -} and neither start nor end with {@code -} (DNS's rule for
     * host names). In such a domain a {@code .} always sits between two letters or digits, so in the room
     * name a lone {@code -} is a dot and a run of 2k dashes is k hyphens; the domain can be read back.
     *
     * <p>Empty without a verified email, for an address with more or fewer than one {@code @}, for any
     * other domain, or when the room name would be longer than MeshAgent allows.
     */
    static Optional<String> teamRoom(MeshAgentUser user) {
        String email = user.verifiedEmail().orElse(null);
        if (email == null || email.indexOf('@') < 0 || email.indexOf('@') != email.lastIndexOf('@')) {
            return Optional.empty();
        }
        String domain = email.substring(email.indexOf('@') + 1).trim().toLowerCase(Locale.ROOT);
        // "team-" plus at least the domain must fit MeshAgent's 63 characters; checked first so the pattern only sees short input
        if (domain.length() > 63 - "team-".length() || !HOST_NAME.matcher(domain).matches()) {
            return Optional.empty();
        }
        String room = "team-" + domain.replace("-", "--").replace('.', '-');
        return RoomName.isValid(room) ? Optional.of(room) : Optional.empty();
    }
}
