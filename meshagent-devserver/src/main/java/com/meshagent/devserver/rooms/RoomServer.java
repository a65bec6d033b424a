package com.meshagent.devserver.rooms;

import com.meshagent.devserver.tokens.Credentials;
import com.meshagent.devserver.tokens.ParticipantTokenVerifier;
import com.meshagent.devserver.tokens.ParticipantTokenVerifier.InvalidParticipantTokenException;
import com.meshagent.devserver.tokens.ParticipantTokenVerifier.VerifiedParticipantToken;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.eclipse.jetty.websocket.server.WebSocketCreator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The room websocket, {@code GET /rooms/{room}} (docs/meshagent-protocol.md §6): checks the participant token before the
 * upgrade (refusals are HTTP 403 with a JSON body, which the SDKs treat as final), then speaks MeshAgent's framing
 * and connect sequence, tracks the participants of each room and relays messages between them.
 *
 * <p>The token is read from {@code Authorization: Bearer}, from a {@code meshagent-room.<jwt>} websocket
 * subprotocol (echoed back, as browsers require), or from the {@code token} query parameter the 0.39.9 JS client
 * uses ({@link InferredProtocol#TOKEN_QUERY_PARAMETER}). It must be HS256-signed with the secret of the API key
 * named by its {@code kid} in project {@code sub}, unexpired, and its {@code room} grant must equal the path's room.
 *
 * <p>Other answers: a room name that breaks §6.1's rule is 403 {@code invalid_room_name}; a method other than GET
 * is 405; a GET with a valid token that is not a websocket upgrade is 400. Every refusal body is
 * {@code {"error", "reason", "message"}} with a stable {@code reason} and never contains the token.
 *
 * <p>A Jetty core {@link Handler}: mount it anywhere; it answers requests whose path in context is
 * {@code /rooms/{room}} (or {@code /{room}} under a context whose path ends in {@code /rooms}) and declines others.
 */
public final class RoomServer extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(RoomServer.class);

    /** Subprotocol prefix carrying the token from browsers (§6.1, confirmed). */
    public static final String SUBPROTOCOL_PREFIX = "meshagent-room.";
    /**
     * Room names: 1–63 chars, lower-case letters, digits and '-', alphanumeric at both ends (§6.1); the one rule
     * for the websocket path and the accounts API.
     */
    public static final Pattern ROOM_NAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private final Credentials credentials;
    private final Clock clock;
    private final Map<String, Room> rooms = new ConcurrentHashMap<>();
    private volatile ServerWebSocketContainer container;

    /**
     * @param credentials the API keys participant tokens are checked against
     * @param clock       the time {@code exp} is compared with
     */
    public RoomServer(Credentials credentials, Clock clock) {
        super(InvocationType.BLOCKING);
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    protected void doStart() throws Exception {
        Server server = getServer();
        if (server == null) {
            throw new IllegalStateException("RoomServer must be part of a Jetty Server's handler tree");
        }
        ServerWebSocketContainer c = ServerWebSocketContainer.ensure(server);
        // Clients are not required to ping; a quiet participant keeps its seat for an hour.
        c.setIdleTimeout(Duration.ofHours(1));
        // Each websocket message is one MeshAgent frame (≤ 1024 payload bytes + header + type name).
        c.setMaxBinaryMessageSize(64 * 1024);
        c.setMaxTextMessageSize(64 * 1024);
        if (!c.isStarted()) {
            c.start();
        }
        container = c;
        super.doStart();
    }

    /** Who is in {@code room} of {@code projectId}: participant id to name, in join order (empty when nobody). */
    public Map<String, String> participants(String projectId, String room) {
        Room r = rooms.get(key(projectId, room));
        return r == null ? Map.of() : r.members();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Optional<String> roomName = roomName(request);
        if (roomName.isEmpty()) {
            return false;
        }
        if (!HttpMethod.GET.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET");
            refuse(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "method_not_allowed",
                    "the room endpoint only accepts a GET websocket upgrade");
            return true;
        }
        String room = roomName.get();
        if (!ROOM_NAME.matcher(room).matches()) {
            refuse(response, callback, HttpStatus.FORBIDDEN_403, "invalid_room_name",
                    "room names are 1-63 lower-case letters, digits or '-', alphanumeric at both ends");
            return true;
        }
        Credential credential = credential(request);
        VerifiedParticipantToken token;
        try {
            token = ParticipantTokenVerifier.verifyForRoom(credential.token(), room, credentials, clock);
        } catch (InvalidParticipantTokenException e) {
            LOG.info("room {} refused a connection: {}", room, e.failure().code());
            refuse(response, callback, HttpStatus.FORBIDDEN_403, e.failure().code(), e.failure().description());
            return true;
        }
        String roomUrl = roomUrl(request);
        WebSocketCreator creator = (upgradeRequest, upgradeResponse, cb) -> {
            if (credential.subprotocol() != null) {
                upgradeResponse.setAcceptedSubProtocol(credential.subprotocol());
            }
            return new RoomConnection(this, room, token, UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                    roomUrl, MAX_MESSAGE_BYTES);
        };
        if (!container.upgrade(creator, request, response, callback)) {
            refuse(response, callback, HttpStatus.BAD_REQUEST_400, "websocket_upgrade_required",
                    "GET /rooms/{room} must be a websocket upgrade");
        }
        return true;
    }

    /** Adds {@code connection} to the live room, creating it if needed (atomically with {@link #leave}). */
    Room join(String projectId, String roomName, RoomConnection connection) {
        return rooms.compute(key(projectId, roomName), (k, existing) -> {
            Room r = existing != null ? existing : new Room(projectId, roomName);
            r.join(connection);
            return r;
        });
    }

    void leave(Room room, RoomConnection connection) {
        // Decide emptiness and removal atomically with respect to joins that go through rooms.compute.
        rooms.computeIfPresent(key(room.projectId(), room.name()),
                (k, r) -> r != room ? r : (room.leave(connection) ? null : r));
    }

    private record Credential(String token, String subprotocol) {
        @Override
        public String toString() {
            return "Credential[token=<redacted>]";
        }
    }

    private static Credential credential(Request request) {
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return new Credential(authorization.substring(7).trim(), null);
        }
        for (String value : request.getHeaders().getValuesList(HttpHeader.SEC_WEBSOCKET_SUBPROTOCOL)) {
            for (String protocol : value.split(",")) {
                String p = protocol.trim();
                if (p.startsWith(SUBPROTOCOL_PREFIX)) {
                    return new Credential(p.substring(SUBPROTOCOL_PREFIX.length()), p);
                }
            }
        }
        Fields query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        return new Credential(query.getValue(InferredProtocol.TOKEN_QUERY_PARAMETER), null);
    }

    private static Optional<String> roomName(Request request) {
        String path = Request.getPathInContext(request);
        String rest;
        if (path.startsWith("/rooms/")) {
            rest = path.substring("/rooms/".length());
        } else if (Request.getContextPath(request).endsWith("/rooms") && path.length() > 1) {
            rest = path.substring(1);
        } else {
            return Optional.empty();
        }
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        return rest.isEmpty() || rest.contains("/") ? Optional.empty() : Optional.of(rest);
    }

    private static String roomUrl(Request request) {
        HttpURI uri = request.getHttpURI();
        String scheme = request.isSecure() ? "wss" : "ws";
        return scheme + "://" + Request.getServerName(request) + ":" + Request.getServerPort(request) + uri.getPath();
    }

    private static String key(String projectId, String room) {
        return projectId + "/" + room;
    }

    private static void refuse(Response response, Callback callback, int status, String reason, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", HttpStatus.getMessage(status));
        body.put("reason", reason);
        body.put("message", message);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(JSONObjectUtils.toJSONString(body)
                .getBytes(StandardCharsets.UTF_8)), callback);
    }
}
