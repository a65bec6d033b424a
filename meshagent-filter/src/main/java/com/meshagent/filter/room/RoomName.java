package com.meshagent.filter.room;

import java.util.regex.Pattern;

/**
 * MeshAgent's room-name rule (meshagent-protocol.md §6.1, Python SDK {@code is_valid_room_name}): 1–63
 * characters, {@code [a-z0-9]} at both ends, lower-case letters, digits and {@code -} inside. The SDK's
 * docstring also forbids {@code --} but its regex does not; we follow the regex (what the SDK enforces).
 */
public final class RoomName {
    private static final Pattern VALID = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    private RoomName() {}

    /** Whether MeshAgent accepts {@code name} as a room name. {@code null} is not valid. */
    public static boolean isValid(String name) {
        return name != null && name.length() <= 63 && VALID.matcher(name).matches();
    }
}
