package org.guardianportal.launcher.store;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.util.Map;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;

/**
 * The value type of a collection's documents. H2's default {@link ObjectDataType} stores a {@link Document} with Java
 * serialisation, which made every insert, update and uncached read pay for it; this type writes a tag byte that
 * ObjectDataType never writes, then the document's BSON, with mongo-java-server's own wire encoder. It reads both, so
 * documents written by the stock backend stay readable, and a value the BSON encoder refuses (no type a client can
 * send) is still written the stock way, so nothing is lost.
 * <p>
 * The encoder works on Netty buffers, and Netty is only a runtime dependency of mongo-java-server: it is reached
 * through method handles, the buffers held as plain objects.
 */
final class BsonDocumentType extends BasicDataType<Document> {

    /** Above ObjectDataType's highest tag (119, a byte array of 15 bytes). */
    private static final byte BSON = 127;

    /**
     * As ObjectDataType estimates a serialised object (twice its bytes; the BSON is about as long), so H2's page
     * cache holds as many documents as before.
     */
    private static final int MEMORY_PER_BSON_BYTE = 2;

    private static final MethodHandle NEW_BUFFER;
    private static final MethodHandle WRAP;
    private static final MethodHandle ENCODE;
    private static final MethodHandle DECODE;
    private static final MethodHandle AS_NIO_BUFFER;
    private static final MethodHandle READER_INDEX;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> byteBuf = Class.forName("io.netty.buffer.ByteBuf");
            Class<?> unpooled = Class.forName("io.netty.buffer.Unpooled");
            NEW_BUFFER = lookup.findStatic(unpooled, "buffer", MethodType.methodType(byteBuf))
                    .asType(MethodType.methodType(Object.class));
            WRAP = lookup.findStatic(unpooled, "wrappedBuffer", MethodType.methodType(byteBuf, ByteBuffer.class))
                    .asType(MethodType.methodType(Object.class, ByteBuffer.class));
            ENCODE = lookup.findStatic(BsonEncoder.class, "encodeDocument",
                    MethodType.methodType(void.class, Map.class, byteBuf))
                    .asType(MethodType.methodType(void.class, Map.class, Object.class));
            DECODE = lookup.findStatic(BsonDecoder.class, "decodeBson", MethodType.methodType(Document.class, byteBuf))
                    .asType(MethodType.methodType(Document.class, Object.class));
            AS_NIO_BUFFER = lookup.findVirtual(byteBuf, "nioBuffer", MethodType.methodType(ByteBuffer.class))
                    .asType(MethodType.methodType(ByteBuffer.class, Object.class));
            READER_INDEX = lookup.findVirtual(byteBuf, "readerIndex", MethodType.methodType(int.class))
                    .asType(MethodType.methodType(int.class, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ObjectDataType objectType = new ObjectDataType();

    /** A running estimate, as ObjectDataType keeps (from the same start): a benign race between threads. */
    private int averageMemory = 10_000;

    @Override
    public int getMemory(Document document) {
        return averageMemory;
    }

    @Override
    public void write(WriteBuffer buffer, Document document) {
        Map<String, Object> fields = document;
        ByteBuffer bson;
        try {
            Object encoded = (Object) NEW_BUFFER.invokeExact();
            ENCODE.invokeExact(fields, encoded);
            bson = (ByteBuffer) AS_NIO_BUFFER.invokeExact(encoded);
        } catch (IllegalArgumentException notBson) {
            objectType.write(buffer, document);
            return;
        } catch (Throwable e) {
            throw rethrown(e);
        }
        averageMemory = estimate(bson.remaining());
        buffer.put(BSON).put(bson);
    }

    @Override
    public Document read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != BSON) {
            return (Document) objectType.read(buffer);
        }
        buffer.get();
        try {
            Object bson = (Object) WRAP.invokeExact(buffer);
            Document document = (Document) DECODE.invokeExact(bson);
            int length = (int) READER_INDEX.invokeExact(bson);
            buffer.position(buffer.position() + length);
            averageMemory = estimate(length);
            return document;
        } catch (Throwable e) {
            throw rethrown(e);
        }
    }

    /** The handles throw what the methods throw: unchecked exceptions only. */
    private static RuntimeException rethrown(Throwable e) {
        if (e instanceof RuntimeException runtime) {
            return runtime;
        }
        if (e instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(e);
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
