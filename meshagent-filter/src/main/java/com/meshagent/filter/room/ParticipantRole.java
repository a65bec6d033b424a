package com.meshagent.filter.room;

/** The {@code role} grant of a MeshAgent participant token (docs/meshagent-protocol.md §4.3). */
public enum ParticipantRole {
    USER("user"),
    AGENT("agent"),
    TOOL("tool");

    private final String wire;

    ParticipantRole(String wire) {
        this.wire = wire;
    }

    /** The value as it appears in the token. */
    public String wire() {
        return wire;
    }
}
