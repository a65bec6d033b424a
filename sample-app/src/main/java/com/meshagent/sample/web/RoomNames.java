package com.meshagent.sample.web;

import java.util.regex.Pattern;

/** MeshAgent's room-name rule (meshagent-protocol.md §6.1), checked before a name reaches a URL or page. */
final class RoomNames {

    static final String RULE = "Room names are 1 to 63 lower-case letters, digits and dashes, "
            + "starting and ending with a letter or digit.";

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private RoomNames() {}

    static boolean valid(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
