/**
 * The room websocket of the devserver: {@link com.meshagent.devserver.rooms.RoomServer} (a Jetty core handler for
 * {@code GET /rooms/{room}}), MeshAgent's framing ({@link com.meshagent.devserver.rooms.MessageFrames}) and packed
 * JSON ({@link com.meshagent.devserver.rooms.PackedMessage}), and in
 * {@link com.meshagent.devserver.rooms.InferredProtocol} everything the room server does that docs/meshagent-protocol.md
 * does not confirm (read from the official JavaScript client 0.39.9).
 */
package com.meshagent.devserver.rooms;
