package org.guardianportal.launcher.store;

import java.util.List;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;

/**
 * An H2 database whose unique indexes (the {@code _id} index too) are {@link StoreUniqueIndex}es and whose collections
 * are {@link StoreCollection}s, storing their documents as BSON ({@link BsonDocumentType}).
 */
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

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        // The map names of H2Database, so existing collections are found and its drop and rename handle ours.
        String namespace = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> dataMap = mvStore.openMap("databases." + namespace,
                new MVMap.Builder<Object, Document>().valueType(new BsonDocumentType()));
        MVMap<String, Object> metaMap = mvStore.openMap("meta." + namespace);
        return new StoreCollection(this, collectionName, options, dataMap, metaMap, cursorRegistry);
    }
}
