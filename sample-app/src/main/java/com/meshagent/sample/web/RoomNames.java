package com.meshagent.sample.web;

/** How the pages explain MeshAgent's room-name rule; the rule itself is {@link com.meshagent.filter.room.RoomName}. */
final class RoomNames {

    static final String RULE = "Room names are 1 to 63 lower-case letters, digits and dashes, "
            + "starting and ending with a letter or digit.";

    private RoomNames() {}
}
