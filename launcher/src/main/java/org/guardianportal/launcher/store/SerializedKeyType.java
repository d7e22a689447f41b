package org.guardianportal.launcher.store;

import java.nio.ByteBuffer;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.backend.KeyValue;

/**
 * The key type of the unique indexes mongo-java-server's stock H2 backend writes: its {@code KeyValue} keys (not
 * {@code Comparable}) ordered by the bytes of their Java serialisation, as H2's default {@link ObjectDataType} orders
 * them. Only read, to convert such an index to encoded keys ({@link StoredKeyType}).
 */
final class SerializedKeyType extends BasicDataType<SerializedKey> {

    private final ObjectDataType objectType = new ObjectDataType();

    @Override
    public int compare(SerializedKey a, SerializedKey b) {
        return a == b ? 0 : ObjectDataType.compareNotNull(a.bytes(), b.bytes());
    }

    @Override
    public int getMemory(SerializedKey key) {
        return objectType.getMemory(key.keyValue());
    }

    @Override
    public void write(WriteBuffer buffer, SerializedKey key) {
        objectType.write(buffer, key.keyValue());
    }

    @Override
    public SerializedKey read(ByteBuffer buffer) {
        return new SerializedKey((KeyValue) objectType.read(buffer));
    }

    @Override
    public SerializedKey[] createStorage(int size) {
        return new SerializedKey[size];
    }
}
