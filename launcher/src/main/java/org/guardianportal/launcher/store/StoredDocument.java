package org.guardianportal.launcher.store;

import java.util.function.Consumer;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * A stored document as its BSON bytes: what a collection keeps in H2's map, and so in its page cache. A document
 * decoded into mongo-java-server's {@link Document} is a map of some thirty objects (entries, strings, their bytes);
 * H2 kept those for every document of every page it had read, which made the store's heap several times the size of
 * what it cached and each garbage collection copy or trace all of them. Encoded once when written, the document is
 * decoded again only when a request reads it, into a fresh instance that request may change.
 */
final class StoredDocument {

    /** Above this, a thread's encoding buffer is let go after use rather than kept for the next document. */
    private static final int KEPT_BUFFER_BYTES = 1 << 20;

    /**
     * One encoding buffer per thread, reused from document to document: a new buffer for each document, doubled as it
     * filled, was a large share of the store's allocation.
     */
    private static final ThreadLocal<ByteBuf> ENCODING_BUFFER = ThreadLocal.withInitial(() -> Unpooled.buffer(4096));

    /** After the document's length. */
    private static final int FIRST_ELEMENT = 4;

    private final byte[] bson;

    StoredDocument(byte[] bson) {
        this.bson = bson;
    }

    /**
     * The document encoded.
     *
     * @throws IllegalArgumentException if it holds a value BSON has no type for (none a client can send)
     */
    private static StoredDocument of(Document document) {
        return encoded(buffer -> BsonEncoder.encodeDocument(document, buffer));
    }

    /** What {@code encoder} writes to this thread's encoding buffer, as a stored document. */
    private static StoredDocument encoded(Consumer<ByteBuf> encoder) {
        ByteBuf encoded = ENCODING_BUFFER.get().clear();
        try {
            encoder.accept(encoded);
            byte[] bson = new byte[encoded.readableBytes()];
            encoded.readBytes(bson);
            return new StoredDocument(bson);
        } finally {
            if (encoded.capacity() > KEPT_BUFFER_BYTES) {
                ENCODING_BUFFER.remove();
            }
        }
    }

    /**
     * What a collection keeps of a document: its BSON or, if BSON has no type for one of its values, the document
     * itself, which H2 then writes with Java serialisation as the stock backend does.
     */
    static Object keep(Document document) {
        try {
            return of(document);
        } catch (IllegalArgumentException notBson) {
            return document;
        }
    }

    /**
     * A new instance of a document a collection kept ({@link #keep}), the caller's own: changing it changes nothing
     * stored. A document kept as itself is copied at its top level, which is enough for mongo-java-server's updates:
     * they replace fields, never change their values.
     */
    static Document open(Object kept) {
        if (kept instanceof StoredDocument stored) {
            return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(stored.bson));
        }
        return ((Document) kept).clone();
    }

    /**
     * A new instance of only these fields of a document a collection kept, as {@link #open(Object)} gives it whole:
     * the other fields' values are skipped unread. Null fields, or a document kept as itself, give the whole document.
     */
    static Document open(Object kept, FieldNames fields) {
        if (fields == null || !(kept instanceof StoredDocument stored)) {
            return open(kept);
        }
        byte[] bson = stored.bson;
        ByteBuf values = Unpooled.wrappedBuffer(bson);
        Document document = new Document();
        for (int at = FIRST_ELEMENT; bson[at] != 0; ) {
            int nameEnd = nameEnd(bson, at);
            int valueEnd = valueEnd(bson, bson[at], nameEnd + 1);
            int field = fields.indexOf(bson, at + 1, nameEnd);
            if (field >= 0) {
                document.put(fields.name(field), BsonDecoder.decodeValue(bson[at], values.readerIndex(nameEnd + 1)));
            }
            at = valueEnd;
        }
        return document;
    }

    /**
     * This document with the given fields as {@code updated} has them, in one pass over its BSON: a field absent there
     * is removed, one present replaces the stored value where it stood, a new one comes last; every other field's
     * bytes are copied unread.
     *
     * @throws IllegalArgumentException if a new value has no BSON type (none a client can send)
     */
    StoredDocument with(FieldNames changed, Document updated) {
        return encoded(encoded -> {
            encoded.writeIntLE(0);
            boolean[] written = new boolean[changed.size()];
            for (int at = FIRST_ELEMENT; bson[at] != 0; ) {
                int nameEnd = nameEnd(bson, at);
                int valueEnd = valueEnd(bson, bson[at], nameEnd + 1);
                int field = changed.indexOf(bson, at + 1, nameEnd);
                if (field < 0) {
                    encoded.writeBytes(bson, at, valueEnd - at);
                } else {
                    written[field] = true;
                    writeField(encoded, changed, field, updated);
                }
                at = valueEnd;
            }
            for (String name : updated.keySet()) {
                int field = changed.indexOf(name);
                if (field >= 0 && !written[field]) {
                    writeField(encoded, changed, field, updated);
                }
            }
            encoded.writeByte(0);
            encoded.setIntLE(0, encoded.writerIndex());
        });
    }

    private static void writeField(ByteBuf encoded, FieldNames fields, int field, Document updated) {
        String name = fields.name(field);
        if (!updated.containsKey(name)) {
            return;
        }
        Object value = updated.get(name);
        byte type = BsonEncoder.determineType(value);
        encoded.writeByte(type);
        encoded.writeBytes(fields.utf8(field));
        encoded.writeByte(0);
        BsonEncoder.encodeValue(type, value, encoded);
    }

    /** Where the name of the element starting at {@code at} (its type byte) ends: its terminating zero. */
    private static int nameEnd(byte[] bson, int at) {
        int end = at + 1;
        while (bson[end] != 0) {
            end++;
        }
        return end;
    }

    /** Where a value of this BSON type starting at {@code at} ends: every type {@link BsonEncoder} writes. */
    private static int valueEnd(byte[] bson, byte type, int at) {
        return switch (type) {
            case 1, 9, 17, 18 -> at + 8; // double, date, timestamp, int64
            case 2, 13 -> at + 4 + intAt(bson, at); // string, JavaScript: length, bytes
            case 3, 4 -> at + intAt(bson, at); // document, array: their length includes itself
            case 5 -> at + 5 + intAt(bson, at); // binary: length, subtype, bytes
            case 6, 10, -1, 127 -> at; // undefined, null, min key, max key
            case 7 -> at + 12; // object id
            case 8 -> at + 1; // boolean
            case 11 -> cStringEnd(bson, cStringEnd(bson, at)); // regular expression: pattern, options
            case 16 -> at + 4; // int32
            case 19 -> at + 16; // decimal128
            default -> throw new IllegalStateException("BSON type " + type + " is never stored");
        };
    }

    private static int cStringEnd(byte[] bson, int at) {
        int end = at;
        while (bson[end] != 0) {
            end++;
        }
        return end + 1;
    }

    private static int intAt(byte[] bson, int at) {
        return (bson[at] & 0xff) | (bson[at + 1] & 0xff) << 8 | (bson[at + 2] & 0xff) << 16 | bson[at + 3] << 24;
    }

    byte[] bson() {
        return bson;
    }
}
