package com.meshagent.devserver.rooms;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the room server does that is NOT confirmed in docs/meshagent-protocol.md, in one place.
 *
 * <p>The hosted room server is not public. What is here was read from the official JavaScript client
 * {@code @meshagent/meshagent} 0.39.9 ({@code dist/node/protocol.js}, {@code room-client.js},
 * {@code messaging-client.js}, {@code response.js}): the requests it sends after connecting and the message shapes
 * its handlers parse. The devserver answers them so that client works against it; the real server may differ in
 * anything the client does not inspect (extra fields, ordering of events, error texts other than the one below).
 *
 * <p>Confirmed parts live elsewhere: framing and packed JSON in {@link MessageFrames} / {@link PackedMessage}
 * (§6.3), {@code room_ready} / {@code connected} and {@code __response__} (§6.4), token transport by header or
 * {@code meshagent-room.} subprotocol (§6.1).
 */
public final class InferredProtocol {

    private InferredProtocol() {
    }

    /**
     * 0.39.9's {@code WebSocketProtocolChannel.start} puts the participant token in the query string
     * ({@code url.searchParams.set("token", jwt)}) and sends neither the header nor the subprotocol, so the room
     * endpoint also accepts it there. It is never logged.
     */
    public static final String TOKEN_QUERY_PARAMETER = "token";

    // ---- request types a client sends (room-client.js) ----

    /** Tool invocation; messaging rides on it as toolkit {@value #MESSAGING_TOOLKIT}. */
    public static final String INVOKE_TOOL = "room.invoke_tool";
    /**
     * One-way attribute update from {@code LocalParticipant.setAttribute}; no response expected. Relayed to the
     * others as {@link #EVENT_PARTICIPANT_ATTRIBUTES}; the devserver keeps {@code name} equal to the token's name.
     */
    public static final String SET_ATTRIBUTES = "set_attributes";

    /** {@code MessagingClient._invoke}: {@code {toolkit:"messaging", tool:<op>, arguments:{type:"json", json:{...}}}}. */
    public static final String MESSAGING_TOOLKIT = "messaging";
    public static final String OP_ENABLE = "enable";
    public static final String OP_DISABLE = "disable";
    /** Input {@code {to_participant_id, type, message_json, attachment_base64?}}. */
    public static final String OP_SEND = "send";
    /** Input {@code {type, message_json, attachment_base64?}}; delivered to every other enabled participant. */
    public static final String OP_BROADCAST = "broadcast";

    // ---- what the server pushes (messaging-client.js _handleMessageSend) ----

    /** Server-to-client message type carrying {@code {from_participant_id, type, message}} + attachment tail. */
    public static final String MESSAGING_SEND = "messaging.send";
    /** Reply to enable: {@code message = {participants: [{id, role, attributes}]}} (the others, not self). */
    public static final String EVENT_MESSAGING_ENABLED = "messaging.enabled";
    /** Another participant enabled messaging: {@code message = {id, role, attributes}}. */
    public static final String EVENT_PARTICIPANT_ENABLED = "participant.enabled";
    /** Another participant disabled messaging or left: {@code message = {id}}. */
    public static final String EVENT_PARTICIPANT_DISABLED = "participant.disabled";
    /** Another participant changed attributes: {@code message = {attributes}}, sender in from_participant_id. */
    public static final String EVENT_PARTICIPANT_ATTRIBUTES = "participant.attributes";

    /**
     * The exact error text {@code MessagingClient._sendMessages} recognises to mark a recipient offline.
     */
    public static final String PARTICIPANT_NOT_FOUND = "the participant was not found";

    // ---- content shapes (response.js unpackContent: type in {empty, error, json, text, ...}) ----

    /** An {@code EmptyContent} response body. */
    public static PackedMessage empty() {
        return PackedMessage.of(Map.of("type", "empty"));
    }

    /** An {@code ErrorContent}: {@code {type:"error", text, code}}; the client rejects the request with it. */
    public static PackedMessage error(String text, int code) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "error");
        json.put("text", text);
        json.put("code", code);
        return PackedMessage.of(json);
    }

    /** The {@code messaging.send} envelope. */
    public static PackedMessage messagingSend(String fromParticipantId, String type, Map<String, Object> message,
            byte[] attachment) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("from_participant_id", fromParticipantId);
        json.put("type", type);
        json.put("message", message);
        return new PackedMessage(json, attachment);
    }

    /** How a participant is described in messaging events. */
    public static Map<String, Object> describe(String id, String role, Map<String, Object> attributes) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("role", role);
        json.put("attributes", attributes);
        return json;
    }

    public static Map<String, Object> messagingEnabled(List<Map<String, Object>> others) {
        return Map.of("participants", others);
    }

    /**
     * Whether the participant's {@code api} grant allows messaging operation {@code op}: the {@code messaging}
     * sub-grant must be present (absent denies, §4.4 [C]); its boolean fields {@code send}/{@code broadcast}
     * default to true (§4.4 [C]). That the server enforces these per operation is inferred.
     */
    public static boolean messagingAllowed(Map<String, Object> messagingGrant, String op) {
        if (messagingGrant == null) {
            return false;
        }
        String field = switch (op) {
            case OP_SEND -> "send";
            case OP_BROADCAST -> "broadcast";
            default -> null;
        };
        return field == null || !Boolean.FALSE.equals(messagingGrant.get(field));
    }
}
