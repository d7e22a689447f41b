package org.guardianportal.launcher.store;

import java.nio.ByteBuffer;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The value type of a collection's documents. H2's default {@link ObjectDataType} stores a {@link Document} with Java
 * serialisation, which made every insert, update and uncached read pay for it; this type writes a tag byte that
 * ObjectDataType never writes, then the document's BSON, with mongo-java-server's own wire encoder. It reads both, so
 * documents written by the stock backend stay readable, and a value the BSON encoder refuses (no type a client can
 * send) is still written the stock way, so nothing is lost.
 */
final class BsonDocumentType extends BasicDataType<Document> {

    /** Above ObjectDataType's highest tag (119, a byte array of 15 bytes). */
    private static final byte BSON = 127;

    /**
     * As ObjectDataType estimates a serialised object (twice its bytes; the BSON is about as long), so H2's page
     * cache holds as many documents as before.
     */
    private static final int MEMORY_PER_BSON_BYTE = 2;

    /** Above this, a thread's encoding buffer is let go after use rather than kept for the next document. */
    private static final int KEPT_BUFFER_BYTES = 1 << 20;

    private final ObjectDataType objectType = new ObjectDataType();

    /**
     * One encoding buffer per writing thread (H2 serialises pages on one thread), reused from document to document:
     * a new buffer for each document, doubled as it filled, was a large share of the store's allocation.
     */
    private final ThreadLocal<ByteBuf> encodingBuffer = ThreadLocal.withInitial(() -> Unpooled.buffer(4096));

    /** A running estimate, as ObjectDataType keeps (from the same start): a benign race between threads. */
    private int averageMemory = 10_000;

    @Override
    public int getMemory(Document document) {
        return averageMemory;
    }

    @Override
    public void write(WriteBuffer buffer, Document document) {
        ByteBuf encoded = encodingBuffer.get().clear();
        try {
            try {
                BsonEncoder.encodeDocument(document, encoded);
            } catch (IllegalArgumentException notBson) {
                objectType.write(buffer, document);
                return;
            }
            averageMemory = estimate(encoded.readableBytes());
            buffer.put(BSON).put(encoded.nioBuffer());
        } finally {
            if (encoded.capacity() > KEPT_BUFFER_BYTES) {
                encodingBuffer.remove();
            }
        }
    }

    @Override
    public Document read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != BSON) {
            return (Document) objectType.read(buffer);
        }
        buffer.get();
        ByteBuf bson = Unpooled.wrappedBuffer(buffer);
        Document document = BsonDecoder.decodeBson(bson);
        int length = bson.readerIndex();
        buffer.position(buffer.position() + length);
        averageMemory = estimate(length);
        return document;
    }

    private int estimate(int bsonLength) {
        return (int) ((MEMORY_PER_BSON_BYTE * (long) bsonLength + 15L * averageMemory) / 16);
    }

    @Override
    public int compare(Document a, Document b) {
        return objectType.compare(a, b);
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }
}
