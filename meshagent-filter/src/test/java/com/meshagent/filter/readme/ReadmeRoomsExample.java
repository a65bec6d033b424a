package com.meshagent.filter.readme;

// README:imports
import com.meshagent.filter.room.ApiScope;
import com.meshagent.filter.room.ParticipantRole;
import com.meshagent.filter.room.RoomAccessPolicy;
import com.meshagent.filter.room.RoomRules.Match;
import java.time.Duration;
// README:imports-end

/** The README's policy example ("Rooms and policies"), compiled with exactly the imports the README shows. */
final class ReadmeRoomsExample {

    private ReadmeRoomsExample() {}

    static RoomAccessPolicy policy() {
        // README:begin
        RoomAccessPolicy policy = RoomAccessPolicy.rules()
                .when(Match.room("private-[a-z0-9-]+")).deny("Private rooms are invite-only")
                .when(Match.emailDomain("example.com")).allow(ParticipantRole.USER, ApiScope.userDefault(), Duration.ofMinutes(30))
                .suggest("team-general")
                .build();
        // README:end
        return policy;
    }
}
