package com.meshagent.filter.room;

/** The {@code role} grant of a MeshAgent participant token (docs/meshagent-protocol.md §4.3). */
public enum ParticipantRole {
    /** A person using the room; the role when a token has no {@code role} grant. */
    USER("user"),
    /** An agent taking part in the room. */
    AGENT("agent"),
    /** A tool provider in the room. */
    TOOL("tool");

    private final String wire;

    ParticipantRole(String wire) {
        this.wire = wire;
    }

    /**
     * The value as it appears in the token.
     *
     * @return {@code user}, {@code agent} or {@code tool}
     */
    public String wire() {
        return wire;
    }
}
