package org.guardianportal.launcher.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.bson.Document;

/**
 * The value type of a collection's documents: each is kept as a {@link StoredDocument}, written as a tag byte that
 * H2's default {@link ObjectDataType} never writes, then the document's BSON. ObjectDataType stored a {@link Document}
 * with Java serialisation, which made every insert, update and uncached read pay for it. A document written that way,
 * by the stock backend or because BSON has no type for one of its values (none a client can send), is still read and
 * written that way, so nothing is lost.
 */
final class BsonDocumentType extends BasicDataType<Object> {

    /** Above ObjectDataType's highest tag (119, a byte array of 15 bytes). */
    private static final byte BSON = 127;

    /** What a stored document holds beside its bytes, for H2's page cache: the array's header, the wrapper. */
    private static final int STORED_DOCUMENT_OVERHEAD = 32;

    private final ObjectDataType objectType = new ObjectDataType();

    @Override
    public int getMemory(Object value) {
        if (value instanceof StoredDocument stored) {
            return stored.bson().length + STORED_DOCUMENT_OVERHEAD;
        }
        return objectType.getMemory(value);
    }

    @Override
    public void write(WriteBuffer buffer, Object value) {
        if (value instanceof StoredDocument stored) {
            buffer.put(BSON).put(stored.bson());
        } else {
            objectType.write(buffer, value);
        }
    }

    @Override
    public Object read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != BSON) {
            Object value = objectType.read(buffer);
            return value instanceof Document document ? StoredDocument.keep(document) : value;
        }
        buffer.get();
        // a BSON document starts with its length, little-endian, the length itself included
        byte[] bson = new byte[buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(buffer.position())];
        buffer.get(bson);
        return new StoredDocument(bson);
    }

    @Override
    public int compare(Object a, Object b) {
        return objectType.compare(a, b);
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }
}
