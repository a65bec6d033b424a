package com.meshagent.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.filter.MeshAgentUser;
import com.meshagent.filter.room.ParticipantRole;
import com.meshagent.filter.room.RoomAccess;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SamplePolicyTest {

    private final SamplePolicy policy = new SamplePolicy(List.of(" Boss@Example.com "));

    private static MeshAgentUser user(String email) {
        return new MeshAgentUser("http://127.0.0.1:8081", "u-" + email, email, null);
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
    void suggestionsAreTheLobbyThenTheTeamRoom() {
        assertEquals(List.of("lobby", "team-example-com"), policy.suggestedRooms(user("ada@example.com")));
    }
}
