package com.meshagent.devserver.rooms;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * MeshAgent's room wire framing (docs/meshagent-protocol.md §6.3, confirmed): a message is one header frame
 * ({@code u64 id | u32 0 | u32 N | utf-8 type}) followed by N data frames ({@code u64 id | u32 i | ≤1024 bytes}),
 * N = ceil(len/1024), all integers big-endian.
 */
public final class MessageFrames {

    /** Payload bytes carried by one data frame. */
    public static final int FRAME_PAYLOAD = 1024;
    static final int HEADER_PREFIX = 16;
    static final int DATA_PREFIX = 12;

    private MessageFrames() {
    }

    /** One complete protocol message. */
    public record Message(long id, String type, byte[] data) {
        public Message {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(data, "data");
            if (id < 0) {
                throw new IllegalArgumentException("message id must not be negative: " + id);
            }
        }
    }

    /** A frame sequence that breaks §6.3; the connection should be closed with a protocol error. */
    public static final class FramingException extends Exception {
        private static final long serialVersionUID = 1L;

        public FramingException(String message) {
            super(message);
        }
    }

    /** The websocket frames (each a binary message) carrying {@code message}. */
    public static List<ByteBuffer> encode(Message message) {
        byte[] type = message.type().getBytes(StandardCharsets.UTF_8);
        byte[] data = message.data();
        int n = (data.length + FRAME_PAYLOAD - 1) / FRAME_PAYLOAD;
        List<ByteBuffer> frames = new ArrayList<>(n + 1);
        ByteBuffer header = ByteBuffer.allocate(HEADER_PREFIX + type.length);
        header.putLong(message.id()).putInt(0).putInt(n).put(type).flip();
        frames.add(header);
        for (int i = 0; i < n; i++) {
            int from = i * FRAME_PAYLOAD;
            int len = Math.min(FRAME_PAYLOAD, data.length - from);
            ByteBuffer frame = ByteBuffer.allocate(DATA_PREFIX + len);
            frame.putLong(message.id()).putInt(i + 1).put(data, from, len).flip();
            frames.add(frame);
        }
        return frames;
    }

    /**
     * Reassembles messages from incoming frames, one connection's worth. Not thread-safe: a websocket delivers
     * one connection's frames in order on one thread at a time.
     */
    public static final class Assembler {
        private final int maxMessageBytes;
        private long id = -1;
        private String type;
        private int expected;
        private int next;
        private final ByteArrayOutputStream data = new ByteArrayOutputStream();

        /** @param maxMessageBytes largest payload accepted for one message */
        public Assembler(int maxMessageBytes) {
            if (maxMessageBytes < 0) {
                throw new IllegalArgumentException("maxMessageBytes must not be negative: " + maxMessageBytes);
            }
            this.maxMessageBytes = maxMessageBytes;
        }

        /** Feeds one frame; returns the message it completes, if any. */
        public Optional<Message> accept(ByteBuffer frame) throws FramingException {
            ByteBuffer f = frame.slice();
            if (f.remaining() < DATA_PREFIX) {
                throw new FramingException("frame shorter than " + DATA_PREFIX + " bytes");
            }
            long messageId = f.getLong();
            int index = f.getInt();
            if (messageId < 0) {
                throw new FramingException("message id out of range");
            }
            if (index == 0) {
                if (this.id >= 0) {
                    throw new FramingException("header frame for message " + messageId + " while message "
                            + this.id + " still expects data frame " + next);
                }
                if (f.remaining() < 4) {
                    throw new FramingException("header frame without a frame count");
                }
                int count = f.getInt();
                if (count < 0 || (long) count * FRAME_PAYLOAD > (long) maxMessageBytes + FRAME_PAYLOAD - 1) {
                    throw new FramingException("message announces " + Integer.toUnsignedString(count)
                            + " data frames, more than the " + maxMessageBytes + "-byte limit allows");
                }
                String messageType;
                try {
                    messageType = StandardCharsets.UTF_8.newDecoder().decode(f).toString();
                } catch (CharacterCodingException e) {
                    throw new FramingException("message type is not UTF-8");
                }
                if (count == 0) {
                    return Optional.of(new Message(messageId, messageType, new byte[0]));
                }
                this.id = messageId;
                this.type = messageType;
                this.expected = count;
                this.next = 1;
                this.data.reset();
                return Optional.empty();
            }
            if (this.id < 0) {
                throw new FramingException("data frame " + Integer.toUnsignedString(index) + " without a header frame");
            }
            if (messageId != this.id || index != next) {
                throw new FramingException("expected frame " + next + " of message " + this.id + " but got frame "
                        + Integer.toUnsignedString(index) + " of message " + messageId);
            }
            if (f.remaining() > FRAME_PAYLOAD) {
                throw new FramingException("data frame carries " + f.remaining() + " bytes, more than " + FRAME_PAYLOAD);
            }
            if (data.size() + f.remaining() > maxMessageBytes) {
                throw new FramingException("message exceeds " + maxMessageBytes + " bytes");
            }
            byte[] chunk = new byte[f.remaining()];
            f.get(chunk);
            data.write(chunk, 0, chunk.length);
            if (next == expected) {
                Message done = new Message(this.id, type, data.toByteArray());
                this.id = -1;
                this.type = null;
                this.data.reset();
                return Optional.of(done);
            }
            next++;
            return Optional.empty();
        }
    }
}
