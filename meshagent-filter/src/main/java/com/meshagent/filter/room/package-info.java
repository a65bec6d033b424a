/**
 * Rooms: who may join which MeshAgent room ({@link com.meshagent.filter.room.RoomAccessPolicy}), MeshAgent's
 * participant-token format ({@link com.meshagent.filter.room.ParticipantToken},
 * {@link com.meshagent.filter.room.ApiScope}, {@link com.meshagent.filter.room.ApiKey}; docs/meshagent-protocol.md
 * §3–§4), the issuers, and {@link com.meshagent.filter.room.RoomTokens}, the cached entry point the filter's
 * room endpoints call. Only {@code RoomTokens} knows Caffeine. Nothing here imports the servlet API.
 */
package com.meshagent.filter.room;
