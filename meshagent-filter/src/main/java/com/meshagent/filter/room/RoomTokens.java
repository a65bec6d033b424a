package com.meshagent.filter.room;

import com.meshagent.filter.MeshAgentUser;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * Participant tokens for signed-in users: asks the {@link RoomAccessPolicy}, mints (or reuses a cached)
 * MeshAgent participant token.
 *
 * <p>SKELETON laid down for the module split so the filter can wire its endpoints; issue #4 fills it in.
 * The public signatures below are the contract the filter codes against.
 */
public final class RoomTokens {

    /** The outcome of {@link #issue}. */
    public sealed interface Result {}

    /** A token for the room. {@code token} is a secret: never log it or put it in a URL. */
    public record Issued(String token, URI roomUrl, String roomName, String participantName, Instant expiresAt)
            implements Result {
        @Override
        public String toString() {
            return "Issued[roomName=" + roomName + ", participantName=" + participantName
                    + ", expiresAt=" + expiresAt + ", token=<redacted>]";
        }
    }

    /** The policy said no; {@code reason} is fit to show the user. */
    public record Denied(String reason) implements Result {}

    /** The room name is not one MeshAgent accepts (meshagent-protocol.md §6.1). */
    public record InvalidRoomName(String message) implements Result {}

    /** The policy threw, or the issuer failed; {@code reason} is a stable code, the cause is logged. */
    public record Failed(String reason, String detail) implements Result {}

    private RoomTokens() {}

    /** Decides and, when allowed, returns a (possibly cached) token. Never throws for bad input. */
    public Result issue(MeshAgentUser user, String roomName) {
        throw new UnsupportedOperationException("issue #4");
    }

    /** The policy's suggested rooms for {@code user}, filtered to valid room names. */
    public List<String> suggestedRooms(MeshAgentUser user) {
        throw new UnsupportedOperationException("issue #4");
    }

    /** Drops every cached token of the user (called at sign-out). */
    public void invalidateUser(MeshAgentUser user) {
        throw new UnsupportedOperationException("issue #4");
    }
}
