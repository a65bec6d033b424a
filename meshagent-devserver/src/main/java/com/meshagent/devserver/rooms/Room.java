package com.meshagent.devserver.rooms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The participants of one room of one project. All membership changes and the fan-out that goes with them happen
 * under the room's monitor, so every participant sees joins, leaves and messages in one consistent order.
 */
final class Room {

    private final String projectId;
    private final String name;
    private final Map<String, RoomConnection> participants = new LinkedHashMap<>();

    Room(String projectId, String name) {
        this.projectId = projectId;
        this.name = name;
    }

    String projectId() {
        return projectId;
    }

    String name() {
        return name;
    }

    synchronized void join(RoomConnection connection) {
        participants.put(connection.participantId(), connection);
    }

    /** Removes the participant; returns true when the room is now empty. */
    synchronized boolean leave(RoomConnection connection) {
        if (participants.remove(connection.participantId()) == null) {
            return participants.isEmpty();
        }
        if (connection.messagingEnabled()) {
            connection.setMessagingEnabled(false);
            announce(connection, InferredProtocol.EVENT_PARTICIPANT_DISABLED,
                    Map.of("id", connection.participantId()));
        }
        return participants.isEmpty();
    }

    synchronized boolean isEmpty() {
        return participants.isEmpty();
    }

    /** Snapshot of who is connected (participant id to name), in join order. */
    synchronized Map<String, String> members() {
        Map<String, String> out = new LinkedHashMap<>();
        participants.forEach((id, c) -> out.put(id, c.participantName()));
        return out;
    }

    /** Turns messaging on for {@code connection}: it learns who else is enabled; they learn about it. */
    synchronized void enableMessaging(RoomConnection connection) {
        if (!participants.containsKey(connection.participantId())) {
            return;
        }
        List<Map<String, Object>> others = new ArrayList<>();
        for (RoomConnection other : participants.values()) {
            if (other != connection && other.messagingEnabled()) {
                others.add(other.describe());
            }
        }
        boolean wasEnabled = connection.messagingEnabled();
        connection.setMessagingEnabled(true);
        connection.push(InferredProtocol.messagingSend(connection.participantId(),
                InferredProtocol.EVENT_MESSAGING_ENABLED, InferredProtocol.messagingEnabled(others), new byte[0]));
        if (!wasEnabled) {
            announce(connection, InferredProtocol.EVENT_PARTICIPANT_ENABLED, connection.describe());
        }
    }

    synchronized void disableMessaging(RoomConnection connection) {
        if (connection.messagingEnabled()) {
            connection.setMessagingEnabled(false);
            announce(connection, InferredProtocol.EVENT_PARTICIPANT_DISABLED, Map.of("id", connection.participantId()));
        }
    }

    synchronized void attributesChanged(RoomConnection connection, Map<String, Object> attributes) {
        if (connection.messagingEnabled()) {
            announce(connection, InferredProtocol.EVENT_PARTICIPANT_ATTRIBUTES, Map.of("attributes", attributes));
        }
    }

    /** Delivers a message to one messaging-enabled participant; empty when there is no such participant. */
    synchronized Optional<RoomConnection> sendTo(RoomConnection from, String toParticipantId, String type,
            Map<String, Object> message, byte[] attachment) {
        RoomConnection to = participants.get(toParticipantId);
        if (to == null || !to.messagingEnabled()) {
            return Optional.empty();
        }
        to.push(InferredProtocol.messagingSend(from.participantId(), type, message, attachment));
        return Optional.of(to);
    }

    /** Delivers a message to every other messaging-enabled participant; returns how many received it. */
    synchronized int broadcast(RoomConnection from, String type, Map<String, Object> message, byte[] attachment) {
        int n = 0;
        for (RoomConnection other : participants.values()) {
            if (other != from && other.messagingEnabled()) {
                other.push(InferredProtocol.messagingSend(from.participantId(), type, message, attachment));
                n++;
            }
        }
        return n;
    }

    private void announce(RoomConnection subject, String eventType, Map<String, Object> message) {
        for (RoomConnection other : participants.values()) {
            if (other != subject && other.messagingEnabled()) {
                other.push(InferredProtocol.messagingSend(subject.participantId(), eventType, message, new byte[0]));
            }
        }
    }
}
