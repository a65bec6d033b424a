package com.meshagent.filter.testing;

import com.meshagent.devserver.DevServer;
import com.meshagent.filter.MeshAgentConfig;
import com.meshagent.filter.room.ApiScope;
import com.meshagent.filter.room.ParticipantRole;
import com.meshagent.filter.room.RoomAccess;
import com.meshagent.filter.room.RoomAccessPolicy;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** The filter's settings for an app at a base URL that signs in against a devserver, as the README's set-up has it. */
public final class DevServerApps {

    private DevServerApps() {}

    /**
     * MeshAgent mode against {@code dev}: its OAuth client and secret, the redirect URI under {@code base}, its API
     * key for room tokens. The devserver must list {@code base + "/meshagent/callback"} as a redirect URI.
     */
    public static MeshAgentConfig.Builder meshAgentMode(DevServer dev, Object base) {
        DevServer.Bootstrap boot = dev.bootstrap();
        return MeshAgentConfig.builder()
                .apiUrl(boot.apiUrl())
                .clientId(boot.clientId())
                .clientSecret(boot.clientSecret())
                .redirectUri(base + "/meshagent/callback")
                .apiKey(boot.apiKey());
    }

    /**
     * Rooms whose name starts with {@code secret} are denied with the reason {@code reason} gives for the room; any
     * other room is a user's for 10 minutes.
     */
    public static RoomAccessPolicy secretRoomsDenied(UnaryOperator<String> reason) {
        return (user, room) -> room.startsWith("secret")
                ? new RoomAccess.Denied(reason.apply(room))
                : new RoomAccess.Allowed(ParticipantRole.USER, ApiScope.userDefault(), Duration.ofMinutes(10));
    }
}
