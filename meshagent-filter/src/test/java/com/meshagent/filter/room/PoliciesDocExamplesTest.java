package com.meshagent.filter.room;

import com.meshagent.testsupport.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.meshagent.filter.MeshAgentUser;
import com.meshagent.filter.room.RoomRules.Match;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The worked examples of docs/policies.md, as written there, behave as the page's tables and notes say. */
class PoliciesDocExamplesTest {

    private static MeshAgentUser user(String id, String email) {
        return new MeshAgentUser("https://api.meshagent.com", id, email, null, true); // MeshAgent vouches for its emails
    }

    // ---- worked example 1 ----------------------------------------------------------------------------

    private static RoomAccessPolicy example1() {
        ApiScope staffScope = ApiScope.userDefault().with(ApiScope.Llm.only("openai/*"));

        RoomAccessPolicy policy = RoomAccessPolicy.rules()
                .when(Match.userId("u-build-bot")).allow(ParticipantRole.AGENT, ApiScope.agentDefault())
                .when(Match.room("private-[a-z0-9-]+")).deny("Private rooms are invite-only")
                .when(Match.emailDomain("example.com").and(Match.room("team-[a-z0-9-]+")))
                    .allow(ParticipantRole.USER, staffScope, Duration.ofMinutes(30))
                .suggest("team-general")
                .otherwise("You are not invited to this room")
                .build();
        return policy;
    }

    @Test
    void example1TableHolds() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-26T18:00:00Z"));
        RoomTokens tokens = RoomTokens.builder().policy(example1()).apiKey(TestKeys.KEY)
                .roomUrl(URI.create("wss://api.meshagent.com")).maxTtl(Duration.ofHours(1)).clock(clock).build();

        RoomTokens.Issued alice = assertInstanceOf(RoomTokens.Issued.class, tokens.issue(user("u-a", "alice@example.com"), "team-blue"));
        ParticipantToken t = ParticipantToken.verify(alice.token(), TestKeys.key());
        assertEquals(ParticipantRole.USER, t.role());
        assertEquals(ApiScope.userDefault().with(ApiScope.Llm.only("openai/*")), t.api().orElseThrow());
        assertEquals(clock.instant().plus(Duration.ofMinutes(30)), t.expiresAt());

        assertEquals(new RoomTokens.Denied("Private rooms are invite-only"),
                tokens.issue(user("u-a", "alice@example.com"), "private-board"));
        assertEquals(new RoomTokens.Denied("You are not invited to this room"),
                tokens.issue(user("u-m", "mallory@example.com.evil.net"), "team-blue"));
        RoomTokens.Issued bot = assertInstanceOf(RoomTokens.Issued.class, tokens.issue(user("u-build-bot", null), "private-board"));
        assertEquals(ParticipantRole.AGENT, ParticipantToken.verify(bot.token(), TestKeys.key()).role());
        assertInstanceOf(RoomTokens.InvalidRoomName.class, tokens.issue(user("u-a", "alice@example.com"), "Team-Blue"));

        assertEquals(List.of("team-general"), tokens.suggestedRooms(user("u-a", "alice@example.com")));
        assertEquals(List.of(), tokens.suggestedRooms(user("u-m", "mallory@example.com.evil.net")));
    }

    // ---- worked example 2 ----------------------------------------------------------------------------

    record Membership(boolean canUseAi, boolean readOnly) {}

    /** The page's "your service", as an in-memory fake. */
    static final class Memberships {
        final Map<String, Membership> byRoomAndUser = new ConcurrentHashMap<>();
        volatile boolean down;

        Optional<Membership> find(String room, String userId) {
            if (down) {
                throw new IllegalStateException("database down");
            }
            return Optional.ofNullable(byRoomAndUser.get(room + "/" + userId));
        }

        List<String> roomsOf(String userId) {
            return byRoomAndUser.keySet().stream().filter(k -> k.endsWith("/" + userId))
                    .map(k -> k.substring(0, k.indexOf('/'))).sorted().toList();
        }
    }

    static final class MembershipPolicy implements RoomAccessPolicy {
        private final Memberships memberships;

        MembershipPolicy(Memberships memberships) {
            this.memberships = memberships;
        }

        @Override
        public RoomAccess decide(MeshAgentUser user, String roomName) {
            Optional<Membership> m = memberships.find(roomName, user.id());
            if (m.isEmpty()) {
                return new RoomAccess.Denied("Ask a room owner to invite you");
            }
            ApiScope scope = m.get().canUseAi()
                    ? ApiScope.userDefault().with(ApiScope.Llm.ANY)
                    : ApiScope.userDefault();
            if (m.get().readOnly()) {
                scope = scope.with(new ApiScope.Storage(List.of(new ApiScope.PathGrant("/", true))));
            }
            return new RoomAccess.Allowed(ParticipantRole.USER, scope, Duration.ofMinutes(20));
        }

        @Override
        public List<String> suggestedRooms(MeshAgentUser user) {
            return memberships.roomsOf(user.id());
        }
    }

    @Test
    void example2NotesHold() {
        Memberships memberships = new Memberships();
        String[] adminIds = {"u-admin"};
        RoomAccessPolicy policy = RoomAccessPolicy.firstMatch(
                RoomAccessPolicy.rules().when(Match.userId(adminIds)).allow(ParticipantRole.USER, ApiScope.full()).build(),
                new MembershipPolicy(memberships));
        MutableClock clock = new MutableClock(Instant.parse("2026-11-26T18:00:00Z"));
        RoomTokens tokens = RoomTokens.builder().policy(policy).apiKey(TestKeys.KEY)
                .roomUrl(URI.create("wss://api.meshagent.com")).clock(clock).build();
        MeshAgentUser bob = user("u-bob", "bob@example.com");

        memberships.byRoomAndUser.put("team-a/u-bob", new Membership(true, false));
        String first = ((RoomTokens.Issued) tokens.issue(bob, "team-a")).token();
        assertEquals(ApiScope.userDefault().with(ApiScope.Llm.ANY), ParticipantToken.verify(first, TestKeys.key()).api().orElseThrow());
        assertEquals(List.of("team-a"), tokens.suggestedRooms(bob));

        // switched to read-only: a different decision, so a new token with reduced grants
        memberships.byRoomAndUser.put("team-a/u-bob", new Membership(true, true));
        ApiScope readOnly = ParticipantToken.verify(((RoomTokens.Issued) tokens.issue(bob, "team-a")).token(), TestKeys.key())
                .api().orElseThrow();
        assertEquals(List.of(new ApiScope.PathGrant("/", true)), readOnly.grant(ApiScope.Storage.class).orElseThrow().paths());

        // removed: denied at the next request (firstMatch returns the first policy's denial)
        memberships.byRoomAndUser.remove("team-a/u-bob");
        assertEquals(new RoomTokens.Denied("You are not allowed in this room"), tokens.issue(bob, "team-a"));

        // database down: fail closed
        memberships.down = true;
        assertEquals("policy_failed", assertInstanceOf(RoomTokens.Failed.class, tokens.issue(bob, "team-a")).reason());
        // admins do not need the database
        assertInstanceOf(RoomTokens.Issued.class, tokens.issue(user("u-admin", null), "team-a"));
    }
}
