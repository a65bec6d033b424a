package com.meshagent.devserver.rooms;

import com.meshagent.testsupport.MutableClock;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static com.meshagent.devserver.rooms.FakeCredentials.KEY_ID;
import static com.meshagent.devserver.rooms.FakeCredentials.PROJECT;
import static com.meshagent.devserver.rooms.FakeCredentials.SECRET;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The room websocket driven by a Jetty websocket client speaking MeshAgent framing by hand. */
class RoomServerTest {

    final FakeCredentials credentials = new FakeCredentials();
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"));
    LoopbackJetty server;
    RoomServer rooms;
    WebSocketClient client;
    URI base;

    @BeforeEach
    void start() throws Exception {
        rooms = new RoomServer(credentials, clock);
        server = new LoopbackJetty(new ContextHandler(rooms, "/"));
        base = server.base("ws");
        client = new WebSocketClient();
        client.start();
    }

    @AfterEach
    void stop() throws Exception {
        client.stop();
        server.close();
    }

    String token(String name, String room, Long exp) {
        return TestTokens.hs256(TestTokens.claims(name, room, TestTokens.messagingAndLlm(), exp, PROJECT, KEY_ID), SECRET);
    }

    Peer join(String room, String token) throws Exception {
        Peer peer = new Peer();
        ClientUpgradeRequest request = new ClientUpgradeRequest(base.resolve("/rooms/" + room));
        request.setHeader("Authorization", "Bearer " + token);
        client.connect(peer, request).get(10, TimeUnit.SECONDS);
        return peer;
    }

    int refusedStatus(ClientUpgradeRequest request) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> client.connect(new Peer(), request).get(10, TimeUnit.SECONDS));
        return assertInstanceOf(UpgradeException.class, e.getCause()).getResponseStatusCode();
    }

    int refusedStatus(String room, String token) {
        ClientUpgradeRequest request = new ClientUpgradeRequest(base.resolve("/rooms/" + room));
        if (token != null) {
            request.setHeader("Authorization", "Bearer " + token);
        }
        return refusedStatus(request);
    }

    @Test
    void connectSequenceIsRoomReadyThenConnectedInit() throws Exception {
        Peer alice = join("lobby", token("alice", "lobby", null));
        PackedMessage ready = alice.next("room_ready");
        assertEquals("lobby", ready.json().get("room_name"));
        assertTrue(((String) ready.json().get("room_url")).startsWith("ws://127.0.0.1:"));
        assertTrue(((String) ready.json().get("room_url")).endsWith("/rooms/lobby"));
        assertNotNull(ready.json().get("session_id"));
        PackedMessage connected = alice.next("connected");
        assertEquals("init", connected.json().get("type"));
        assertNotNull(connected.json().get("participantId"));
        assertEquals(Map.of("name", "alice"), connected.json().get("attributes"));
        assertEquals(List.of("alice"), List.copyOf(rooms.participants(PROJECT, "lobby").values()));
    }

    @Test
    void refusalsAreHttp403BeforeTheUpgrade() {
        long past = clock.instant().minusSeconds(1).getEpochSecond();
        assertEquals(403, refusedStatus("lobby", null), "missing token");
        assertEquals(403, refusedStatus("lobby", token("a", "other", null)), "wrong room");
        assertEquals(403, refusedStatus("lobby", token("a", "lobby", past)), "expired");
        assertEquals(403, refusedStatus("lobby", TestTokens.hs256(
                TestTokens.claims("a", "lobby", null, null, PROJECT, KEY_ID), "wrong-secret")), "bad signature");
        assertEquals(403, refusedStatus("lobby", TestTokens.unsecured(
                TestTokens.claims("a", "lobby", null, null, PROJECT, KEY_ID))), "alg none");
        assertEquals(403, refusedStatus("lobby", TestTokens.hs256(TestTokens.claims("a", "lobby", null, null,
                PROJECT, "99999999-9999-9999-9999-999999999999"), SECRET)), "unknown kid");
        assertEquals(403, refusedStatus("Bad_Room", token("a", "Bad_Room", null)), "invalid room name");
        assertTrue(rooms.participants(PROJECT, "lobby").isEmpty(), "nobody joined");
    }

    @Test
    void tokenInSubprotocolIsAcceptedAndTheSubprotocolEchoed() throws Exception {
        Peer peer = new Peer();
        ClientUpgradeRequest request = new ClientUpgradeRequest(base.resolve("/rooms/lobby"));
        String protocol = "meshagent-room." + token("browser", "lobby", null);
        request.setSubProtocols(protocol);
        Session session = client.connect(peer, request).get(10, TimeUnit.SECONDS);
        assertEquals(protocol, session.getUpgradeResponse().getAcceptedSubProtocol());
        assertEquals("room_ready", peer.next().type());
    }

    @Test
    void tokenInQueryParameterAsThe0399JsClientSendsItIsAccepted() throws Exception {
        Peer peer = new Peer();
        client.connect(peer, base.resolve("/rooms/lobby?token=" + token("node", "lobby", null))).get(10, TimeUnit.SECONDS);
        PackedMessage ready = peer.next("room_ready");
        assertFalse(((String) ready.json().get("room_url")).contains("token"), "room_url never carries the token");
        assertEquals(403, refusedStatus(new ClientUpgradeRequest(base.resolve("/rooms/lobby?token=" + token("node", "other", null)))));
    }

    @Test
    void plainHttpRequestsGetJsonErrorsNotUpgrades() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create(base.toString().replace("ws:", "http:") + "/rooms/lobby");
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertTrue(post.body().contains("\"reason\":\"method_not_allowed\""), post.body());
        HttpResponse<String> noToken = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, noToken.statusCode());
        assertTrue(noToken.body().contains("\"reason\":\"missing_token\""), noToken.body());
        String forged = TestTokens.hs256(TestTokens.claims("a", "lobby", null, null, PROJECT, KEY_ID), "wrong-secret");
        HttpResponse<String> badSignature = http.send(HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + forged).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, badSignature.statusCode());
        assertTrue(badSignature.body().contains("\"reason\":\"bad_signature\""), badSignature.body());
        assertFalse(badSignature.body().contains(forged.split("\\.")[2]), "the refusal never echoes the token");
        assertEquals("no-store", badSignature.headers().firstValue("Cache-Control").orElse(""));
        HttpResponse<String> notUpgrade = http.send(HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + token("a", "lobby", null)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, notUpgrade.statusCode());
        HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(URI.create(uri.toString().replace("/rooms/lobby", "/other"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, elsewhere.statusCode(), "paths outside /rooms/ are declined for other handlers");
    }

    @Test
    void twoParticipantsSeeEachOtherAndExchangeMultiFrameMessages() throws Exception {
        Peer alice = join("lobby", token("alice", "lobby", null));
        alice.next("room_ready");
        String aliceId = (String) alice.next("connected").json().get("participantId");
        long enable = alice.messaging("enable", Map.of());
        assertEquals("empty", alice.response(enable).json().get("type"));
        assertEquals(Map.of("participants", List.of()), alice.event("messaging.enabled").json().get("message"));

        Peer bob = join("lobby", token("bob", "lobby", null));
        bob.next("room_ready");
        String bobId = (String) bob.next("connected").json().get("participantId");
        bob.response(bob.messaging("enable", Map.of()));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> seenByBob = (List<Map<String, Object>>)
                ((Map<String, Object>) bob.event("messaging.enabled").json().get("message")).get("participants");
        assertEquals(1, seenByBob.size());
        assertEquals(aliceId, seenByBob.get(0).get("id"));
        assertEquals(Map.of("name", "alice"), seenByBob.get(0).get("attributes"));
        @SuppressWarnings("unchecked")
        Map<String, Object> bobJoined = (Map<String, Object>) alice.event("participant.enabled").json().get("message");
        assertEquals(bobId, bobJoined.get("id"));
        assertEquals("user", bobJoined.get("role"));

        // A message bigger than one frame in both directions: 3000-char text and a 5000-byte attachment.
        String text = "x".repeat(3000);
        byte[] attachment = new byte[5000];
        for (int i = 0; i < attachment.length; i++) {
            attachment[i] = (byte) i;
        }
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("to_participant_id", bobId);
        input.put("type", "chat");
        input.put("message_json", "{\"text\":\"" + text + "\"}");
        input.put("attachment_base64", Base64.getEncoder().encodeToString(attachment));
        long send = alice.messaging("send", input);
        assertEquals("empty", alice.response(send).json().get("type"));
        PackedMessage got = bob.event("chat");
        assertEquals(aliceId, got.json().get("from_participant_id"));
        assertEquals(Map.of("text", text), got.json().get("message"));
        assertArrayEquals(attachment, got.binary());

        long broadcast = bob.messaging("broadcast", Map.of("type", "chat", "message_json", "{\"text\":\"hi all\"}"));
        bob.response(broadcast);
        PackedMessage heard = alice.event("chat");
        assertEquals(bobId, heard.json().get("from_participant_id"));
        assertEquals(Map.of("text", "hi all"), heard.json().get("message"));

        bob.session.close();
        assertEquals(Map.of("id", bobId), alice.event("participant.disabled").json().get("message"));
        assertEquals(List.of("alice"), List.copyOf(rooms.participants(PROJECT, "lobby").values()));
    }

    @Test
    void sendToUnknownParticipantIsTheErrorTheClientRecognises() throws Exception {
        Peer alice = join("lobby", token("alice", "lobby", null));
        alice.next("room_ready");
        alice.next("connected");
        alice.response(alice.messaging("enable", Map.of()));
        alice.event("messaging.enabled");
        PackedMessage error = alice.response(alice.messaging("send",
                Map.of("to_participant_id", "nobody", "type", "chat", "message_json", "{}")));
        assertEquals("error", error.json().get("type"));
        assertEquals("the participant was not found", error.json().get("text"));
        PackedMessage badJson = alice.response(alice.messaging("broadcast", Map.of("type", "chat", "message_json", "[1,")));
        assertEquals(400L, ((Number) badJson.json().get("code")).longValue());
    }

    @Test
    void participantsInDifferentRoomsDoNotSeeEachOther() throws Exception {
        Peer a = join("lobby", token("a", "lobby", null));
        Peer b = join("other", token("b", "other", null));
        for (Peer p : List.of(a, b)) {
            p.next("room_ready");
            p.next("connected");
            p.response(p.messaging("enable", Map.of()));
            assertEquals(Map.of("participants", List.of()), p.event("messaging.enabled").json().get("message"));
        }
        b.response(b.messaging("broadcast", Map.of("type", "chat", "message_json", "{}")));
        // Anything the broadcast pushed to a was queued before b's response, so it would arrive before a's next
        // response on a's (ordered) connection.
        long probe = a.request("room.unknown", PackedMessage.of(Map.of()));
        assertEquals(probe, a.next().id(), "nothing crosses rooms: a's next message is its own response");
    }

    @Test
    void tokenWithoutMessagingGrantCannotEnableMessaging() throws Exception {
        Peer p = join("lobby", TestTokens.hs256(TestTokens.claims("nomsg", "lobby", Map.of("llm", Map.of()), null,
                PROJECT, KEY_ID), SECRET));
        p.next("room_ready");
        p.next("connected");
        PackedMessage r = p.response(p.messaging("enable", Map.of()));
        assertEquals("error", r.json().get("type"));
        assertEquals(403L, ((Number) r.json().get("code")).longValue());
    }

    @Test
    void unknownRequestsGetAnErrorResponseSoClientsNeverHang() throws Exception {
        Peer p = join("lobby", token("a", "lobby", null));
        p.next("room_ready");
        p.next("connected");
        PackedMessage r = p.response(p.request("room.list_toolkits", PackedMessage.of(Map.of())));
        assertEquals("error", r.json().get("type"));
        PackedMessage t = p.response(p.request("room.invoke_tool", PackedMessage.of(Map.of("toolkit", "storage", "tool", "list"))));
        assertEquals("error", t.json().get("type"));
    }

    @Test
    void brokenFramingClosesTheConnectionWithProtocolError() throws Exception {
        Peer p = join("lobby", token("a", "lobby", null));
        p.next("room_ready");
        p.next("connected");
        p.session.sendBinary(ByteBuffer.allocate(12).putLong(7).putInt(3).flip(), Callback.NOOP);
        assertEquals(1002, p.closed.poll(10, TimeUnit.SECONDS), "closed with PROTOCOL error");
    }

    @Test
    void oauthAccessTokenOrApiKeyIsNotAParticipantTokenAndIsRefused() {
        credentials.addAccessToken("oauth-access-token-value", new com.meshagent.devserver.tokens.Credentials.AccessTokenInfo(
                "u1", "dev@example.com", "client", PROJECT, java.util.Set.of("rooms:connect")));
        assertEquals(403, refusedStatus("lobby", "oauth-access-token-value"));
        assertEquals(403, refusedStatus("lobby", FakeCredentials.API_KEY));
    }

    @Test
    void oversizedRoomNameIsRefused() {
        String name = "a".repeat(64);
        assertEquals(403, refusedStatus(name, token("a", name, null)));
    }

    @Test
    void logsNameTheRefusalReasonButNeverTheToken() throws Exception {
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        String forged = TestTokens.hs256(TestTokens.claims("a", "lobby", null, null, PROJECT, KEY_ID), "wrong-secret");
        String good = token("logged", "lobby", null);
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertEquals(403, refusedStatus("lobby", forged));
            Peer p = new Peer();
            client.connect(p, base.resolve("/rooms/lobby?token=" + good)).get(10, TimeUnit.SECONDS);
            p.next("room_ready");
            p.next("connected");
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(log.contains("refused a connection: bad_signature"), log);
        assertTrue(log.contains("joined room lobby"), log);
        for (String secret : List.of(forged, good, forged.split("\\.")[2], good.split("\\.")[2], SECRET)) {
            assertFalse(log.contains(secret), "a token or secret reached the log");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void attributeUpdatesReachOthersButCannotChangeTheTokenName() throws Exception {
        Peer alice = join("lobby", token("alice", "lobby", null));
        Peer bob = join("lobby", token("bob", "lobby", null));
        for (Peer p : List.of(alice, bob)) {
            p.next("room_ready");
            p.next("connected");
        }
        alice.response(alice.messaging("enable", Map.of()));
        alice.event("messaging.enabled");
        bob.response(bob.messaging("enable", Map.of()));
        bob.event("messaging.enabled");
        alice.event("participant.enabled");
        bob.request("set_attributes", PackedMessage.of(Map.of("name", "alice", "color", "red")));
        PackedMessage update = alice.event("participant.attributes");
        assertEquals(Map.of("name", "bob", "color", "red"),
                ((Map<String, Object>) update.json().get("message")).get("attributes"));
    }
}
