package org.guardianportal.launcher.store;

import java.util.List;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Database;

/** An H2 database whose unique indexes (the {@code _id} index too) are {@link StoreUniqueIndex}es. */
final class StoreDatabase extends H2Database {

    private final MVStore mvStore;

    StoreDatabase(String databaseName, MVStore mvStore, CursorRegistry cursorRegistry) {
        super(databaseName, mvStore, cursorRegistry);
        this.mvStore = mvStore;
        super.initializeNamespacesAndIndexes();
    }

    /** H2Database opens the indexes from its constructor, before this class has its store: wait until it does. */
    @Override
    protected void initializeNamespacesAndIndexes() {
        if (mvStore != null) {
            super.initializeNamespacesAndIndexes();
        }
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
            boolean sparse) {
        // The map name of H2Database, so existing indexes are found and H2Database.dropIndex removes ours.
        String mapName = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
        MVMap<SerializedKey, Object> map = mvStore.openMap(mapName,
                new MVMap.Builder<SerializedKey, Object>().keyType(new SerializedKeyType()));
        return new StoreUniqueIndex(indexName, map, keys, sparse);
    }
}
