package org.guardianportal.launcher.store;

import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.backend.KeyValue;

/** A key of a stock H2 index with its Java serialisation, made once on first comparison (see {@link SerializedKeyType}). */
final class SerializedKey {

    private final KeyValue keyValue;
    private byte[] bytes;

    SerializedKey(KeyValue keyValue) {
        this.keyValue = keyValue;
    }

    KeyValue keyValue() {
        return keyValue;
    }

    /** A benign race: two threads may both serialise, and they get equal bytes. */
    byte[] bytes() {
        byte[] serialized = bytes;
        if (serialized == null) {
            serialized = ObjectDataType.serialize(keyValue);
            bytes = serialized;
        }
        return serialized;
    }
}
