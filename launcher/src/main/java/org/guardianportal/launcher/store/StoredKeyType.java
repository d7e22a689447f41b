package org.guardianportal.launcher.store;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * The key type of a unique index: keys are kept, written and compared as their encoded bytes ({@link StoredKey}).
 * H2's default type Java-serialised every key it wrote, deserialised every key of every index page it read, and
 * (the keys being mongo-java-server's non-Comparable {@code KeyValue}) serialised both keys again to compare them.
 */
final class StoredKeyType extends BasicDataType<StoredKey> {

    /** About what H2 counts for a byte array: its bytes, the array and the key object around it. */
    private static final int OVERHEAD = 48;

    @Override
    public int compare(StoredKey a, StoredKey b) {
        return a == b ? 0 : Arrays.compareUnsigned(a.bytes(), b.bytes());
    }

    @Override
    public int getMemory(StoredKey key) {
        return key.bytes().length + OVERHEAD;
    }

    @Override
    public void write(WriteBuffer buffer, StoredKey key) {
        byte[] bytes = key.bytes();
        buffer.putVarInt(bytes.length).put(bytes);
    }

    @Override
    public StoredKey read(ByteBuffer buffer) {
        byte[] bytes = new byte[DataUtils.readVarInt(buffer)];
        buffer.get(bytes);
        return StoredKey.ofBytes(bytes);
    }

    @Override
    public StoredKey[] createStorage(int size) {
        return new StoredKey[size];
    }
}
