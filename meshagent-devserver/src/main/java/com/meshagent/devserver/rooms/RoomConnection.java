package com.meshagent.devserver.rooms;

import com.meshagent.devserver.tokens.ParticipantTokenVerifier.VerifiedParticipantToken;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.text.ParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One participant's websocket: reassembles frames, answers requests, and receives what the {@link Room} pushes.
 * Public only because Jetty invokes websocket listeners through public method handles; not an API.
 */
public final class RoomConnection implements Session.Listener.AutoDemanding {

    private static final Logger LOG = LoggerFactory.getLogger(RoomConnection.class);

    private final RoomServer server;
    private final String roomName;
    private final VerifiedParticipantToken token;
    private final String participantId;
    private final String sessionId;
    private final String roomUrl;
    private final MessageFrames.Assembler assembler;
    private final AtomicLong nextMessageId = new AtomicLong();
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private volatile boolean messagingEnabled;
    private volatile Session session;
    private volatile Room room;

    RoomConnection(RoomServer server, String roomName, VerifiedParticipantToken token, String participantId,
            String sessionId, String roomUrl, int maxMessageBytes) {
        this.server = server;
        this.roomName = roomName;
        this.token = token;
        this.participantId = participantId;
        this.sessionId = sessionId;
        this.roomUrl = roomUrl;
        this.assembler = new MessageFrames.Assembler(maxMessageBytes);
        this.attributes.put("name", token.name());
    }

    String participantId() {
        return participantId;
    }

    String participantName() {
        return token.name();
    }

    boolean messagingEnabled() {
        return messagingEnabled;
    }

    void setMessagingEnabled(boolean enabled) {
        this.messagingEnabled = enabled;
    }

    synchronized Map<String, Object> describe() {
        return InferredProtocol.describe(participantId, token.role(), new LinkedHashMap<>(attributes));
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        this.room = server.join(token.projectId(), roomName, this);
        // logged before the client hears of it, so the log line never trails what the client already saw
        LOG.info("participant {} joined room {} (project {})", participantId, roomName, token.projectId());
        // docs/meshagent-protocol.md §6.4: room_ready, then connected/init; the client sends nothing before both arrive.
        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("room_name", roomName);
        ready.put("room_url", roomUrl);
        ready.put("session_id", sessionId);
        push("room_ready", PackedMessage.of(ready));
        Map<String, Object> init = new LinkedHashMap<>();
        init.put("type", "init");
        init.put("participantId", participantId);
        init.put("attributes", describe().get("attributes"));
        push("connected", PackedMessage.of(init));
    }

    @Override
    public void onWebSocketBinary(ByteBuffer frame, Callback callback) {
        try {
            assembler.accept(frame).ifPresent(this::dispatch);
            callback.succeed();
        } catch (MessageFrames.FramingException e) {
            LOG.warn("participant {} in room {} broke the framing: {}", participantId, roomName, e.getMessage());
            callback.succeed();
            session.close(StatusCode.PROTOCOL, "framing error: " + e.getMessage(), Callback.NOOP);
        }
    }

    @Override
    public void onWebSocketText(String message) {
        session.close(StatusCode.BAD_DATA, "text frames are not part of the room protocol", Callback.NOOP);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        Room r = room;
        if (r != null) {
            server.leave(r, this);
        }
        LOG.info("participant {} left room {} ({})", participantId, roomName, statusCode);
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("participant {} websocket error: {}", participantId, cause.toString());
    }

    /** Sends a server-initiated message. */
    void push(PackedMessage message) {
        push(InferredProtocol.MESSAGING_SEND, message);
    }

    private void push(String type, PackedMessage message) {
        send(new MessageFrames.Message(nextMessageId.getAndIncrement(), type, message.pack()));
    }

    private void respond(long requestId, PackedMessage body) {
        send(new MessageFrames.Message(requestId, "__response__", body.pack()));
    }

    // Frames of one message must stay contiguous on the wire (the client's reassembler has no interleaving), so
    // all of a message's frames are queued under this monitor; Jetty keeps queued frames in order.
    private synchronized void send(MessageFrames.Message message) {
        Session s = session;
        if (s == null || !s.isOpen()) {
            return;
        }
        for (ByteBuffer frame : MessageFrames.encode(message)) {
            s.sendBinary(frame, Callback.NOOP);
        }
    }

    private void dispatch(MessageFrames.Message message) {
        switch (message.type()) {
            case "__response__" -> { /* the devserver sends no requests, so there is nothing to match */ }
            case InferredProtocol.SET_ATTRIBUTES -> setAttributes(message);
            case InferredProtocol.INVOKE_TOOL -> invokeTool(message);
            default -> respond(message.id(), InferredProtocol.error(
                    "the meshagent-devserver does not implement " + message.type(), 404));
        }
    }

    private void setAttributes(MessageFrames.Message message) {
        PackedMessage packed;
        try {
            packed = PackedMessage.unpack(message.data());
        } catch (ParseException e) {
            LOG.warn("participant {} sent unreadable set_attributes: {}", participantId, e.getMessage());
            return;
        }
        Map<String, Object> snapshot;
        synchronized (this) {
            attributes.putAll(packed.json());
            // The name is the token's identity; a participant cannot rename itself into someone else.
            attributes.put("name", token.name());
            snapshot = new LinkedHashMap<>(attributes);
        }
        room.attributesChanged(this, snapshot);
    }

    @SuppressWarnings("unchecked")
    private void invokeTool(MessageFrames.Message message) {
        PackedMessage request;
        try {
            request = PackedMessage.unpack(message.data());
        } catch (ParseException e) {
            respond(message.id(), InferredProtocol.error("malformed request: " + e.getMessage(), 400));
            return;
        }
        Object toolkit = request.json().get("toolkit");
        Object tool = request.json().get("tool");
        if (!InferredProtocol.MESSAGING_TOOLKIT.equals(toolkit) || !(tool instanceof String op)) {
            respond(message.id(), InferredProtocol.error(
                    "toolkit " + toolkit + " is not available in the meshagent-devserver", 404));
            return;
        }
        Map<String, Object> input = Map.of();
        if (request.json().get("arguments") instanceof Map<?, ?> args && args.get("json") instanceof Map<?, ?> json) {
            input = (Map<String, Object>) json;
        }
        Map<String, Object> grant = token.apiGrant("messaging").orElse(null);
        if (!InferredProtocol.messagingAllowed(grant, op)) {
            respond(message.id(), InferredProtocol.error("the participant token does not grant messaging." + op, 403));
            return;
        }
        switch (op) {
            case InferredProtocol.OP_ENABLE -> {
                respond(message.id(), InferredProtocol.empty());
                room.enableMessaging(this);
            }
            case InferredProtocol.OP_DISABLE -> {
                room.disableMessaging(this);
                respond(message.id(), InferredProtocol.empty());
            }
            case InferredProtocol.OP_SEND, InferredProtocol.OP_BROADCAST -> relay(message.id(), op, input);
            default -> respond(message.id(), InferredProtocol.error("messaging." + op + " is not supported", 404));
        }
    }

    private void relay(long requestId, String op, Map<String, Object> input) {
        if (!messagingEnabled) {
            respond(requestId, InferredProtocol.error("messaging is not enabled for this participant", 409));
            return;
        }
        if (!(input.get("type") instanceof String type) || type.isEmpty()) {
            respond(requestId, InferredProtocol.error("type is required", 400));
            return;
        }
        Map<String, Object> body;
        byte[] attachment = new byte[0];
        try {
            body = input.get("message_json") instanceof String json ? JSONObjectUtils.parse(json) : Map.of();
            if (input.get("attachment_base64") instanceof String b64) {
                attachment = Base64.getDecoder().decode(b64);
            }
        } catch (ParseException | IllegalArgumentException e) {
            respond(requestId, InferredProtocol.error("message_json must be a JSON object and attachment_base64 "
                    + "valid base64", 400));
            return;
        }
        if (InferredProtocol.OP_BROADCAST.equals(op)) {
            room.broadcast(this, type, body, attachment);
            respond(requestId, InferredProtocol.empty());
            return;
        }
        if (!(input.get("to_participant_id") instanceof String to)
                || room.sendTo(this, to, type, body, attachment).isEmpty()) {
            respond(requestId, InferredProtocol.error(InferredProtocol.PARTICIPANT_NOT_FOUND, 404));
            return;
        }
        respond(requestId, InferredProtocol.empty());
    }
}
