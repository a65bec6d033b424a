package com.meshagent.devserver.rooms;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageFramesTest {

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    private static MessageFrames.Message roundTrip(MessageFrames.Message m) throws Exception {
        MessageFrames.Assembler a = new MessageFrames.Assembler(1 << 20);
        List<ByteBuffer> frames = MessageFrames.encode(m);
        Optional<MessageFrames.Message> out = Optional.empty();
        for (int i = 0; i < frames.size(); i++) {
            out = a.accept(frames.get(i));
            assertEquals(i == frames.size() - 1, out.isPresent(), "complete only after the last frame");
        }
        return out.orElseThrow();
    }

    @Test
    void headerFrameLayoutIsIdThenZeroThenCountThenType() {
        List<ByteBuffer> frames = MessageFrames.encode(new MessageFrames.Message(0x1_0000_0002L, "room_ready", bytes(1025)));
        assertEquals(3, frames.size(), "1025 bytes need two data frames");
        ByteBuffer h = frames.get(0);
        assertEquals(0x1_0000_0002L, h.getLong(0));
        assertEquals(0, h.getInt(8));
        assertEquals(2, h.getInt(12));
        assertEquals("room_ready", StandardCharsets.UTF_8.decode(h.position(16).slice()).toString());
        ByteBuffer d2 = frames.get(2);
        assertEquals(0x1_0000_0002L, d2.getLong(0));
        assertEquals(2, d2.getInt(8));
        assertEquals(12 + 1, d2.remaining());
        assertEquals(12 + 1024, frames.get(1).remaining());
    }

    @Test
    void emptyPayloadIsOneHeaderFrameWithZeroDataFrames() throws Exception {
        MessageFrames.Message m = new MessageFrames.Message(5, "ping", new byte[0]);
        assertEquals(1, MessageFrames.encode(m).size());
        MessageFrames.Message back = roundTrip(m);
        assertEquals("ping", back.type());
        assertEquals(0, back.data().length);
    }

    @Test
    void multiFrameMessagesRoundTripAtEveryBoundary() throws Exception {
        for (int size : new int[] {1, 1023, 1024, 1025, 2048, 5000, 70_001}) {
            MessageFrames.Message m = new MessageFrames.Message(size, "room.invoke_tool", bytes(size));
            MessageFrames.Message back = roundTrip(m);
            assertEquals(m.id(), back.id());
            assertEquals(m.type(), back.type());
            assertArrayEquals(m.data(), back.data(), "size " + size);
            assertEquals((size + 1023) / 1024 + 1, MessageFrames.encode(m).size());
        }
    }

    @Test
    void dataFrameOutOfOrderIsAFramingError() throws Exception {
        List<ByteBuffer> frames = MessageFrames.encode(new MessageFrames.Message(1, "x", bytes(3000)));
        MessageFrames.Assembler a = new MessageFrames.Assembler(1 << 20);
        a.accept(frames.get(0));
        assertThrows(MessageFrames.FramingException.class, () -> a.accept(frames.get(2)));
    }

    @Test
    void dataFrameOfAnotherMessageOrWithoutHeaderIsAFramingError() throws Exception {
        List<ByteBuffer> one = MessageFrames.encode(new MessageFrames.Message(1, "x", bytes(2000)));
        List<ByteBuffer> two = MessageFrames.encode(new MessageFrames.Message(2, "x", bytes(2000)));
        MessageFrames.Assembler a = new MessageFrames.Assembler(1 << 20);
        assertThrows(MessageFrames.FramingException.class, () -> a.accept(one.get(1)));
        MessageFrames.Assembler b = new MessageFrames.Assembler(1 << 20);
        b.accept(one.get(0));
        assertThrows(MessageFrames.FramingException.class, () -> b.accept(two.get(1)));
    }

    @Test
    void messageAnnouncingMoreThanTheLimitIsRefusedAtItsHeader() {
        ByteBuffer header = ByteBuffer.allocate(17).putLong(1).putInt(0).putInt(Integer.MAX_VALUE).put((byte) 'x').flip();
        assertThrows(MessageFrames.FramingException.class, () -> new MessageFrames.Assembler(4096).accept(header));
    }

    @Test
    void truncatedFrameIsAFramingError() {
        assertThrows(MessageFrames.FramingException.class,
                () -> new MessageFrames.Assembler(10).accept(ByteBuffer.wrap(new byte[5])));
    }

    @Test
    void packedMessageRoundTripsJsonAndBinaryTailAndDropsMeshagentKey() throws Exception {
        PackedMessage p = new PackedMessage(Map.of("type", "json", "__meshagent__", Map.of("v", 1)), bytes(10));
        PackedMessage back = PackedMessage.unpack(p.pack());
        assertEquals(Map.of("type", "json"), back.json());
        assertArrayEquals(bytes(10), back.binary());
        ByteBuffer wire = ByteBuffer.wrap(p.pack());
        long len = wire.getLong();
        assertTrue(len > 0 && len < wire.remaining());
    }

    @Test
    void packedMessageWithLengthBeyondDataIsRejected() {
        byte[] bad = ByteBuffer.allocate(10).putLong(100).put((byte) '{').put((byte) '}').array();
        assertThrows(java.text.ParseException.class, () -> PackedMessage.unpack(bad));
        assertThrows(java.text.ParseException.class, () -> PackedMessage.unpack(new byte[3]));
    }
}
