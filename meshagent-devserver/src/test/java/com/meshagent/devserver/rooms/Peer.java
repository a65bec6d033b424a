package com.meshagent.devserver.rooms;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** A participant: collects complete MeshAgent messages, sends requests. */
public final class Peer implements Session.Listener.AutoDemanding {
    final BlockingQueue<MessageFrames.Message> inbox = new LinkedBlockingQueue<>();
    final MessageFrames.Assembler assembler = new MessageFrames.Assembler(1 << 24);
    final AtomicLong ids = new AtomicLong(1000);
    final BlockingQueue<Integer> closed = new LinkedBlockingQueue<>();
    volatile Session session;

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        try {
            assembler.accept(payload).ifPresent(inbox::add);
        } catch (MessageFrames.FramingException e) {
            throw new AssertionError(e);
        }
        callback.succeed();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        closed.add(statusCode);
        callback.succeed();
    }

    MessageFrames.Message next() throws InterruptedException {
        MessageFrames.Message m = inbox.poll(10, TimeUnit.SECONDS);
        assertNotNull(m, "expected a message from the room server");
        return m;
    }

    PackedMessage next(String type) throws Exception {
        MessageFrames.Message m = next();
        assertEquals(type, m.type());
        return PackedMessage.unpack(m.data());
    }

    /** Next messaging.send event, unpacked. */
    PackedMessage event(String eventType) throws Exception {
        PackedMessage p = next("messaging.send");
        assertEquals(eventType, p.json().get("type"), () -> "event " + p.json());
        return p;
    }

    long request(String type, PackedMessage body) throws Exception {
        long id = ids.getAndIncrement();
        for (ByteBuffer frame : MessageFrames.encode(new MessageFrames.Message(id, type, body.pack()))) {
            session.sendBinary(frame, Callback.NOOP);
        }
        return id;
    }

    long messaging(String op, Map<String, Object> input) throws Exception {
        return request("room.invoke_tool", PackedMessage.of(Map.of("toolkit", "messaging", "tool", op,
                "arguments", Map.of("type", "json", "json", input))));
    }

    PackedMessage response(long id) throws Exception {
        MessageFrames.Message m = next();
        assertEquals("__response__", m.type());
        assertEquals(id, m.id(), "a response reuses the request id");
        return PackedMessage.unpack(m.data());
    }
}

