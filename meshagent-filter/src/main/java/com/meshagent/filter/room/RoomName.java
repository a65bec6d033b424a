package com.meshagent.filter.room;

/**
 * MeshAgent's room-name rule (docs/meshagent-protocol.md §6.1, Python SDK {@code is_valid_room_name}): 1–63
 * characters, {@code [a-z0-9]} at both ends, lower-case letters, digits and {@code -} inside. The SDK's
 * docstring also forbids {@code --} but its regex does not; we follow the regex (what the SDK enforces).
 */
public final class RoomName {
    private RoomName() {}

    /**
     * Whether MeshAgent accepts {@code name} as a room name.
     *
     * @param name a candidate room name; {@code null} is not valid
     * @return true when the name follows the rule above
     */
    public static boolean isValid(String name) {
        // Same as the SDK's regex [a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?, as a loop: it runs on every token request.
        if (name == null || name.isEmpty() || name.length() > 63) {
            return false;
        }
        int last = name.length() - 1;
        for (int i = 0; i <= last; i++) {
            char c = name.charAt(i);
            boolean alnum = c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
            if (!alnum && (c != '-' || i == 0 || i == last)) {
                return false;
            }
        }
        return true;
    }
}
