package org.guardianportal.launcher.store;

import java.nio.ByteBuffer;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.backend.KeyValue;

/**
 * The key type of a unique index, reading, writing and ordering keys exactly as H2's default {@link ObjectDataType}
 * does for mongo-java-server's {@link KeyValue} (not {@code Comparable}): by the bytes of its Java serialisation.
 * The default type serialises both keys again on every comparison of every B-tree search, which made each index
 * lookup cost about 2 x log2(n) serialisations; here a key is serialised at most once while it is held.
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
