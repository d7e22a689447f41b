package org.guardianportal.launcher.store;

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
        ByteBuf encoded = ENCODING_BUFFER.get().clear();
        try {
            BsonEncoder.encodeDocument(document, encoded);
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

    byte[] bson() {
        return bson;
    }
}
