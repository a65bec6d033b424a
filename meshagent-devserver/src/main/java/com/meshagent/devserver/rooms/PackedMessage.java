package com.meshagent.devserver.rooms;

import com.nimbusds.jose.util.JSONObjectUtils;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * MeshAgent's "packed message" payload (docs/meshagent-protocol.md §6.3, confirmed): {@code u64 json_length | JSON
 * object | optional binary tail}. The {@code __meshagent__} key the Python packer adds is dropped on unpack.
 *
 * @param json   the JSON object (unmodifiable)
 * @param binary the binary tail, possibly empty
 */
public record PackedMessage(Map<String, Object> json, byte[] binary) {

    public PackedMessage {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(binary, "binary");
        json = Collections.unmodifiableMap(new LinkedHashMap<>(json));
    }

    public static PackedMessage of(Map<String, Object> json) {
        return new PackedMessage(json, new byte[0]);
    }

    /** Serialises to the wire form. */
    public byte[] pack() {
        byte[] text = JSONObjectUtils.toJSONString(json).getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + text.length + binary.length)
                .putLong(text.length).put(text).put(binary).array();
    }

    /** Parses the wire form. */
    public static PackedMessage unpack(byte[] data) throws ParseException {
        if (data.length < 8) {
            throw new ParseException("packed message shorter than its 8-byte length prefix", 0);
        }
        long length = ByteBuffer.wrap(data, 0, 8).getLong();
        if (length < 0 || length > data.length - 8) {
            throw new ParseException("packed JSON length " + Long.toUnsignedString(length) + " exceeds the "
                    + (data.length - 8) + " bytes present", 0);
        }
        String text = new String(data, 8, (int) length, StandardCharsets.UTF_8);
        Map<String, Object> json = new LinkedHashMap<>(JSONObjectUtils.parse(text));
        json.remove("__meshagent__");
        byte[] tail = new byte[data.length - 8 - (int) length];
        System.arraycopy(data, 8 + (int) length, tail, 0, tail.length);
        return new PackedMessage(json, tail);
    }
}
