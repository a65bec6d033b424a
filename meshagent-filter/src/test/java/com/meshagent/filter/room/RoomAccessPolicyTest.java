package com.meshagent.filter.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.filter.MeshAgentUser;
import com.meshagent.filter.room.RoomRules.Match;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoomAccessPolicyTest {

    private static final MeshAgentUser ALICE = user("u-alice", "alice@example.com");
    private static final MeshAgentUser MALLORY = user("u-mallory", "mallory@example.com.evil.net");
    private static final MeshAgentUser SUB = user("u-sub", "sub@eng.example.com");
    private static final MeshAgentUser NOMAIL = user("u-42", null);

    private static MeshAgentUser user(String id, String email) {
        return new MeshAgentUser("https://api.meshagent.com", id, email, null, true);
    }

    @Test
    void denyAllDeniesEveryoneEverywhere() {
        assertInstanceOf(RoomAccess.Denied.class, RoomAccessPolicy.denyAll().decide(ALICE, "any"));
    }

    @Test
    void allowAllGrantsTheGivenRoleAndScopeForOneHour() {
        RoomAccess a = RoomAccessPolicy.allowAll(ParticipantRole.AGENT, ApiScope.full()).decide(NOMAIL, "x");
        assertEquals(new RoomAccess.Allowed(ParticipantRole.AGENT, ApiScope.full(), Duration.ofHours(1)), a);
    }

    @Test
    void emailDomainMatchesTheExactDomainIgnoringCaseButNotLookalikesOrSubdomains() {
        Match m = Match.emailDomain("Example.COM");
        assertTrue(m.test(ALICE, "r"));
        assertTrue(m.test(user("u", "ALICE@EXAMPLE.com"), "r"));
        assertFalse(m.test(MALLORY, "r"));
        assertFalse(m.test(SUB, "r"));
        assertFalse(m.test(NOMAIL, "r"));
        assertFalse(m.test(user("u", "example.com"), "r"));
        assertFalse(m.test(user("u", "a@evil.net@example.com.x"), "r"));
    }

    @Test
    void emailDomainNeverMatchesAnEmailTheProviderDidNotVouchFor() {
        Match m = Match.emailDomain("example.com");
        MeshAgentUser unverified = new MeshAgentUser("https://idp.example", "u-eve", "alice@example.com", null);
        assertFalse(m.test(unverified, "r"), "the four-argument form is an unverified email");
        assertFalse(m.test(new MeshAgentUser("https://idp.example", "u-eve", "alice@example.com", null, false), "r"));
        assertFalse(RoomAccessPolicy.rules().when(m).allow(ParticipantRole.USER, ApiScope.none()).build()
                .decide(unverified, "team-blue") instanceof RoomAccess.Allowed);
        assertTrue(m.test(new MeshAgentUser("https://idp.example", "u-alice", "alice@example.com", null, true), "r"));
    }

    @Test
    void roomPatternMustMatchTheWholeName() {
        Match m = Match.room("team-[a-z]+");
        assertTrue(m.test(ALICE, "team-blue"));
        assertFalse(m.test(ALICE, "team-blue-secret-1"));
        assertFalse(m.test(ALICE, "xteam-blue"));
    }

    @Test
    void andNeedsBothOrNeedsEither() {
        Match domain = Match.emailDomain("example.com");
        Match room = Match.room("team-[a-z]+");
        assertTrue(domain.and(room).test(ALICE, "team-blue"));
        assertFalse(domain.and(room).test(ALICE, "lobby"));
        assertFalse(domain.and(room).test(NOMAIL, "team-blue"));
        Match either = Match.userId("u-42").or(domain);
        assertTrue(either.test(ALICE, "r"));
        assertTrue(either.test(NOMAIL, "r"));
        assertFalse(either.test(MALLORY, "r"));
    }

    @Test
    void firstMatchingRuleDecidesWithItsRoleScopeAndTtl() {
        RoomAccessPolicy p = RoomAccessPolicy.rules()
                .when(Match.userId("u-42")).allow(ParticipantRole.AGENT, ApiScope.agentDefault())
                .when(Match.room("private-[a-z0-9-]+")).deny("Private rooms are invite-only")
                .when(Match.emailDomain("example.com").and(Match.room("team-[a-z0-9-]+")))
                    .allow(ParticipantRole.USER, ApiScope.userDefault(), Duration.ofMinutes(30))
                .otherwise("Not invited")
                .build();
        assertEquals(new RoomAccess.Allowed(ParticipantRole.AGENT, ApiScope.agentDefault(), Duration.ofHours(1)),
                p.decide(NOMAIL, "private-x"));
        assertEquals(new RoomAccess.Denied("Private rooms are invite-only"), p.decide(ALICE, "private-x"));
        assertEquals(new RoomAccess.Allowed(ParticipantRole.USER, ApiScope.userDefault(), Duration.ofMinutes(30)),
                p.decide(ALICE, "team-a"));
        assertEquals(new RoomAccess.Denied("Not invited"), p.decide(MALLORY, "team-a"));
        assertEquals(new RoomAccess.Denied("Not invited"), p.decide(ALICE, "lobby"));
    }

    @Test
    void rulesWithNoMatchDenyWithTheDefaultReason() {
        assertEquals(new RoomAccess.Denied("You are not allowed in this room"),
                RoomAccessPolicy.rules().build().decide(ALICE, "r"));
    }

    @Test
    void ruleSuggestionsAreOnlyRoomsTheUserMayJoin() {
        RoomAccessPolicy p = RoomAccessPolicy.rules()
                .when(Match.emailDomain("example.com").and(Match.room("team-.*"))).allow(ParticipantRole.USER, ApiScope.none())
                .when(Match.room("lobby")).allow(ParticipantRole.USER, ApiScope.none())
                .suggest("lobby", "team-general")
                .build();
        assertEquals(List.of("lobby", "team-general"), p.suggestedRooms(ALICE));
        assertEquals(List.of("lobby"), p.suggestedRooms(MALLORY));
    }

    @Test
    void firstMatchReturnsTheFirstGrantElseTheFirstDenial() {
        RoomAccessPolicy staff = RoomAccessPolicy.rules().when(Match.emailDomain("example.com"))
                .allow(ParticipantRole.USER, ApiScope.userDefault()).otherwise("Staff only").build();
        RoomAccessPolicy bots = RoomAccessPolicy.rules().when(Match.userId("u-42"))
                .allow(ParticipantRole.AGENT, ApiScope.agentDefault()).suggest("bots").otherwise("Bots only").build();
        RoomAccessPolicy p = RoomAccessPolicy.firstMatch(staff, bots);
        assertEquals(ParticipantRole.USER, ((RoomAccess.Allowed) p.decide(ALICE, "r")).role());
        assertEquals(ParticipantRole.AGENT, ((RoomAccess.Allowed) p.decide(NOMAIL, "r")).role());
        assertEquals(new RoomAccess.Denied("Staff only"), p.decide(MALLORY, "r"));
        assertEquals(List.of("bots"), p.suggestedRooms(NOMAIL));
    }

    @Test
    void firstMatchWithoutPoliciesIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, RoomAccessPolicy::firstMatch);
    }

    @Test
    void builderRejectsBadInputNamingIt() {
        assertEquals("suggest: not a valid MeshAgent room name: Lobby",
                assertThrows(IllegalArgumentException.class, () -> RoomAccessPolicy.rules().suggest("Lobby")).getMessage());
        assertEquals("emailDomain must be a bare domain: a@b.c",
                assertThrows(IllegalArgumentException.class, () -> Match.emailDomain("a@b.c")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> RoomAccessPolicy.rules().when(Match.always())
                .allow(ParticipantRole.USER, ApiScope.none(), Duration.ZERO));
    }

    @Test
    void roomNameRuleFollowsTheSdkRegex() {
        for (String ok : new String[] {"a", "0", "my-room", "a--b", "x".repeat(63)}) {
            assertTrue(RoomName.isValid(ok), ok);
        }
        for (String bad : new String[] {"", "-", "a-", "-a", "A", "a_b", "x".repeat(64), "a\nb", "ａ"}) {
            assertFalse(RoomName.isValid(bad), bad);
        }
    }
}
