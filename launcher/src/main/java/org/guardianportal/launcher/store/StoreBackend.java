package org.guardianportal.launcher.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * mongo-java-server's H2 backend, with unique indexes that compare their keys without serialising them on every
 * comparison (see {@link SerializedKeyType}). The file format is unchanged: a store written by the stock backend opens
 * here, and the other way round.
 */
public final class StoreBackend extends H2Backend {

    public StoreBackend(String fileName) {
        super(fileName);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new StoreDatabase(databaseName, getMvStore(), getCursorRegistry());
    }
}
