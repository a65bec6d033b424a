package com.meshagent.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.filter.MeshAgentUser;
import com.meshagent.filter.room.ParticipantRole;
import com.meshagent.filter.room.RoomAccess;
import com.meshagent.filter.room.RoomName;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SamplePolicyTest {

    private final SamplePolicy policy = new SamplePolicy(List.of(" Boss@Example.com "));

    private static MeshAgentUser user(String email) {
        return new MeshAgentUser("http://127.0.0.1:8081", "u-" + email, email, null, true);
    }

    @Test
    void everySignedInUserJoinsTheLobbyAsUserForAnHour() {
        RoomAccess.Allowed allowed = assertInstanceOf(RoomAccess.Allowed.class,
                policy.decide(user("ada@example.com"), "lobby"));
        assertEquals(ParticipantRole.USER, allowed.role());
        assertEquals(Duration.ofHours(1), allowed.ttl());
    }

    @Test
    void userWithoutEmailStillJoinsTheLobbyButNoTeamRoom() {
        MeshAgentUser noEmail = new MeshAgentUser("p", "id-1", null, "Nobody");
        assertInstanceOf(RoomAccess.Allowed.class, policy.decide(noEmail, "lobby"));
        assertEquals(List.of("lobby"), policy.suggestedRooms(noEmail));
    }

    @Test
    void userJoinsTheTeamRoomOfTheirEmailDomainWithDotsAsDashes() {
        RoomAccess.Allowed allowed = assertInstanceOf(RoomAccess.Allowed.class,
                policy.decide(user("ada@Mail.Example.org"), "team-mail-example-org"));
        assertEquals(ParticipantRole.USER, allowed.role());
    }

    @Test
    void userIsDeniedAnotherDomainsTeamRoomWithAReasonNamingTheirRooms() {
        RoomAccess.Denied denied = assertInstanceOf(RoomAccess.Denied.class,
                policy.decide(user("ada@example.com"), "team-other-org"));
        assertTrue(denied.reason().contains("team-other-org"), denied.reason());
        assertTrue(denied.reason().contains("lobby and team-example-com"), denied.reason());
    }

    @Test
    void userIsDeniedAnArbitraryRoom() {
        assertInstanceOf(RoomAccess.Denied.class, policy.decide(user("ada@example.com"), "finance"));
    }

    @Test
    void configuredAdminJoinsAnyRoomAsAgentIgnoringEmailCase() {
        RoomAccess.Allowed allowed = assertInstanceOf(RoomAccess.Allowed.class,
                policy.decide(user("boss@EXAMPLE.com"), "finance"));
        assertEquals(ParticipantRole.AGENT, allowed.role());
        assertTrue(policy.isAdmin(user("BOSS@example.com")));
    }

    @Test
    void lookalikeAdminEmailIsNotAnAdmin() {
        assertInstanceOf(RoomAccess.Denied.class, policy.decide(user("boss@example.com.evil.io"), "finance"));
        assertInstanceOf(RoomAccess.Denied.class, policy.decide(user("boss@example.com@evil.io"), "finance"));
    }

    @Test
    void emailWithSeveralAtSignsGetsNoTeamRoom() {
        MeshAgentUser tricky = user("eve@evil.io@example.com");
        assertInstanceOf(RoomAccess.Denied.class, policy.decide(tricky, "team-example-com"));
        assertEquals(List.of("lobby"), policy.suggestedRooms(tricky));
    }

    @Test
    void domainThatMakesNoValidRoomNameGetsNoTeamRoom() {
        assertEquals(List.of("lobby"), policy.suggestedRooms(user("ada@exämple.com")));
        assertEquals(List.of("lobby"), policy.suggestedRooms(user("ada@")));
    }

    @Test
    void lookalikeDomainsGetDifferentTeamRoomsAndNeitherMayJoinTheOthers() {
        MeshAgentUser staff = user("staff@mail.example.com");
        MeshAgentUser eve = user("eve@mail-example.com");
        assertEquals(List.of("lobby", "team-mail-example-com"), policy.suggestedRooms(staff));
        assertEquals(List.of("lobby", "team-mail--example-com"), policy.suggestedRooms(eve));
        assertInstanceOf(RoomAccess.Allowed.class, policy.decide(staff, "team-mail-example-com"));
        assertInstanceOf(RoomAccess.Allowed.class, policy.decide(eve, "team-mail--example-com"));
        assertInstanceOf(RoomAccess.Denied.class, policy.decide(eve, "team-mail-example-com"));
        assertInstanceOf(RoomAccess.Denied.class, policy.decide(staff, "team-mail--example-com"));
    }

    @Test
    void teamRoomsOfDifferentDomainsNeverCollide() {
        // every pair that a naive dots-to-dashes mapping merges, and hyphen runs of several lengths
        List<String> domains = List.of("a.b.c", "a-b.c", "a.b-c", "a-b-c", "a--b.c", "a.-b.c", "a-.b.c", "a---b.c",
                "xn--bcher-kva.ch", "xn.bcher-kva.ch", "x.n--bcher.kva.ch", "1.2", "1-2", "example.com", "example-com");
        Map<String, String> seen = new HashMap<>();
        for (String domain : domains) {
            SamplePolicy.teamRoom(user("u@" + domain)).ifPresent(room -> {
                assertTrue(RoomName.isValid(room), room);
                String other = seen.putIfAbsent(room, domain);
                assertTrue(other == null, domain + " and " + other + " both map to " + room);
            });
        }
        assertEquals(13, seen.size(), "two domains (labels starting or ending with '-') are not host names: " + seen);
    }

    @Test
    void domainsThatAreNotHostNamesOrTooLongGetNoTeamRoom() {
        for (String bad : List.of("ada@-example.com", "ada@example-.com", "ada@example..com", "ada@.example.com",
                "ada@example.com.", "ada@ex_ample.com", "ada@" + "a".repeat(59), "ada@" + "a".repeat(300_000) + "!")) {
            assertEquals(List.of("lobby"), policy.suggestedRooms(user(bad)), bad.length() > 80 ? "long" : bad);
        }
        assertEquals(List.of("lobby", "team-" + "a".repeat(58)), policy.suggestedRooms(user("ada@" + "a".repeat(58))));
    }

    @Test
    void unverifiedAdminEmailIsNotAnAdmin() {
        MeshAgentUser claimsBoss = new MeshAgentUser("http://127.0.0.1:8081", "u-eve", "boss@example.com", null);
        assertFalse(policy.isAdmin(claimsBoss));
        assertInstanceOf(RoomAccess.Denied.class, policy.decide(claimsBoss, "finance"));
        RoomAccess.Allowed lobby = assertInstanceOf(RoomAccess.Allowed.class, policy.decide(claimsBoss, "lobby"));
        assertEquals(ParticipantRole.USER, lobby.role());
    }

    @Test
    void unverifiedEmailGetsNoTeamRoom() {
        MeshAgentUser unverified = new MeshAgentUser("http://127.0.0.1:8081", "u-eve", "eve@example.com", null, false);
        assertEquals(List.of("lobby"), policy.suggestedRooms(unverified));
        assertInstanceOf(RoomAccess.Denied.class, policy.decide(unverified, "team-example-com"));
    }

    @Test
    void suggestionsAreTheLobbyThenTheTeamRoom() {
        assertEquals(List.of("lobby", "team-example-com"), policy.suggestedRooms(user("ada@example.com")));
    }
}
