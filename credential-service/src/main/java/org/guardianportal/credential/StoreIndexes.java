package org.guardianportal.credential;

import org.springframework.data.mongodb.core.index.IndexOperations;

/** Index housekeeping at start-up. */
public final class StoreIndexes {

    private StoreIndexes() {
    }

    /** Drops an index earlier versions created and this one no longer uses; nothing if it is not there. */
    public static void dropIfPresent(IndexOperations indexes, String name) {
        if (indexes.getIndexInfo().stream().anyMatch(index -> index.getName().equals(name))) {
            indexes.dropIndex(name);
        }
    }
}
