package org.guardianportal.launcher.store;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * An index key as a unique index stores it: its encoded bytes, by which keys are compared, and the {@link KeyValue}
 * they encode, decoded only when asked for. The bytes are the key's values as a BSON document ({@code {"0": v0,
 * "1": v1, ...}}), after a tag byte; a value BSON cannot hold (mongo-java-server's {@code Missing}) makes the whole key
 * Java-serialised, after another tag. Either encoding is deterministic, so equal keys have equal bytes.
 */
final class StoredKey {

    private static final byte BSON = 1;
    private static final byte SERIALIZED = 2;

    private final byte[] bytes;
    private KeyValue keyValue;

    private StoredKey(byte[] bytes, KeyValue keyValue) {
        this.bytes = bytes;
        this.keyValue = keyValue;
    }

    static StoredKey of(KeyValue keyValue) {
        return new StoredKey(encode(keyValue), keyValue);
    }

    static StoredKey ofBytes(byte[] bytes) {
        return new StoredKey(bytes, null);
    }

    byte[] bytes() {
        return bytes;
    }

    /** A benign race: two threads may both decode, and they get equal keys. */
    KeyValue keyValue() {
        KeyValue decoded = keyValue;
        if (decoded == null) {
            decoded = decode(bytes);
            keyValue = decoded;
        }
        return decoded;
    }

    private static byte[] encode(KeyValue keyValue) {
        Document values = new Document();
        int i = 0;
        for (Object value : keyValue) {
            values.put(Integer.toString(i++), value);
        }
        ByteBuf encoded = Unpooled.buffer(64);
        encoded.writeByte(BSON);
        try {
            BsonEncoder.encodeDocument(values, encoded);
        } catch (IllegalArgumentException notBson) {
            byte[] serialized = ObjectDataType.serialize(keyValue);
            byte[] tagged = new byte[serialized.length + 1];
            tagged[0] = SERIALIZED;
            System.arraycopy(serialized, 0, tagged, 1, serialized.length);
            return tagged;
        }
        byte[] bytes = new byte[encoded.readableBytes()];
        encoded.readBytes(bytes);
        return bytes;
    }

    private static KeyValue decode(byte[] bytes) {
        if (bytes[0] == SERIALIZED) {
            return (KeyValue) ObjectDataType.deserialize(java.util.Arrays.copyOfRange(bytes, 1, bytes.length));
        }
        Document values = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(ByteBuffer.wrap(bytes, 1, bytes.length - 1)));
        List<Object> ordered = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            ordered.add(values.get(Integer.toString(i)));
        }
        return new KeyValue(ordered);
    }
}
