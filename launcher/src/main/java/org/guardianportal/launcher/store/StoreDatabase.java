package org.guardianportal.launcher.store;

import java.util.Collection;
import java.util.List;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;

/**
 * An H2 database whose unique indexes (the {@code _id} index too) are {@link StoreUniqueIndex}es, with encoded keys
 * ({@link StoredKeyType}), and whose collections are {@link StoreCollection}s, storing their documents as BSON
 * ({@link BsonDocumentType}). Indexes written by the stock backend (Java-serialised keys) are converted when opened.
 */
final class StoreDatabase extends H2Database {

    private static final Logger log = LoggerFactory.getLogger(StoreDatabase.class);
    private static final StoredKeyType KEYS = new StoredKeyType();

    private final MVStore mvStore;

    StoreDatabase(String databaseName, MVStore mvStore, CursorRegistry cursorRegistry) {
        super(databaseName, mvStore, cursorRegistry);
        this.mvStore = mvStore;
        super.initializeNamespacesAndIndexes();
    }

    /**
     * A count, as drivers ask for one ({@code countDocuments}: an aggregation of a {@code $match}, perhaps a skip and
     * a limit, then one group of everything counting one per document), or counts by one field (a group by that
     * field counting one per document, with or without that {@code $match} before: the message log's statistics),
     * opens each document with only the fields the {@code $match} and the group read
     * ({@link StoreCollection#countingOn}); any other command is mongo-java-server's.
     */
    @Override
    public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver databaseResolver,
            Oplog oplog) {
        FieldNames counted = command.equalsIgnoreCase("aggregate") ? countedFields(query.get("pipeline")) : null;
        if (counted != null && resolveCollection(String.valueOf(query.get(command)), false)
                instanceof StoreCollection collection) {
            return collection.countingOn(counted,
                    () -> super.handleCommand(channel, command, query, databaseResolver, oplog));
        }
        return super.handleCommand(channel, command, query, databaseResolver, oplog);
    }

    /** The fields a count's pipeline reads (its {@code $match}'s and the field it groups by); null for any other. */
    private static FieldNames countedFields(Object pipeline) {
        if (!(pipeline instanceof List<?> stages) || stages.isEmpty()
                || !(stages.get(stages.size() - 1) instanceof Document last)) {
            return null;
        }
        Document read = new Document("_id", 1);
        if (!countsOnePerDocument(last, read)) {
            return null;
        }
        Document match = new Document();
        for (int at = 0; at < stages.size() - 1; at++) {
            if (!(stages.get(at) instanceof Document stage) || stage.size() != 1) {
                return null;
            }
            if (at == 0 && stage.get("$match") instanceof Document first) {
                match = first;
            } else if (!stage.containsKey("$skip") && !stage.containsKey("$limit")) {
                return null;
            }
        }
        return FieldNames.read(match, null, read, "_id");
    }

    /**
     * {@code {$group: {_id: <a constant or "$field">, <name>: {$sum: 1}, ...}}}; adds the field it groups by to
     * {@code read}.
     */
    private static boolean countsOnePerDocument(Document stage, Document read) {
        if (stage.size() != 1 || !(stage.get("$group") instanceof Document group) || group.size() < 2
                || !group.containsKey("_id")) {
            return false;
        }
        Object id = group.get("_id");
        if (id instanceof Document || id instanceof Collection<?>) {
            return false;
        }
        if (id instanceof String name && name.startsWith("$")) {
            String field = name.substring(1);
            if (field.isEmpty() || field.startsWith("$")) {
                return false; // "$$ROOT" and other variables
            }
            read.append(field, 1);
        }
        return group.entrySet().stream().filter(entry -> !entry.getKey().equals("_id"))
                .allMatch(entry -> entry.getValue() instanceof Document sum && sum.size() == 1
                        && Integer.valueOf(1).equals(sum.get("$sum")));
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
        String mapName = mapNameForIndex(collectionName, indexName);
        String serializedMapName = serializedMapNameForIndex(collectionName, indexName);
        if (mvStore.hasMap(serializedMapName)) {
            convertSerializedIndex(serializedMapName, mapName);
        }
        MVMap<StoredKey, Object> map = mvStore.openMap(mapName, new MVMap.Builder<StoredKey, Object>().keyType(KEYS));
        return new StoreUniqueIndex(indexName, map, keys, sparse);
    }

    @Override
    protected void dropIndex(MongoCollection<Object> collection, String indexName) {
        super.dropIndex(collection, indexName);
        mvStore.removeMap(mapNameForIndex(collection.getCollectionName(), indexName));
    }

    /** Under the database's prefix, so that dropping the database removes it too. */
    private String mapNameForIndex(String collectionName, String indexName) {
        return getFullCollectionNamespace(collectionName) + "._keys_" + indexName;
    }

    /** Where H2Database keeps an index, its keys Java-serialised: a store written before the keys were encoded. */
    private String serializedMapNameForIndex(String collectionName, String indexName) {
        return getFullCollectionNamespace(collectionName) + "._index_" + indexName;
    }

    /**
     * Copies an index written with Java-serialised keys into a map of encoded keys, under a temporary name renamed
     * once complete, then removes the old one: stopped half-way, the next start converts it again from the start.
     */
    private void convertSerializedIndex(String serializedMapName, String mapName) {
        String partialName = mapName + "._converting";
        if (mvStore.hasMap(partialName)) {
            mvStore.removeMap(partialName);
        }
        MVMap<SerializedKey, Object> serialized = mvStore.openMap(serializedMapName,
                new MVMap.Builder<SerializedKey, Object>().keyType(new SerializedKeyType()));
        MVMap<StoredKey, Object> converted = mvStore.openMap(partialName,
                new MVMap.Builder<StoredKey, Object>().keyType(KEYS));
        serialized.forEach((key, position) -> converted.put(StoredKey.of(key.keyValue()), position));
        if (mvStore.hasMap(mapName)) {
            mvStore.removeMap(mapName);
        }
        mvStore.renameMap(converted, mapName);
        mvStore.removeMap(serialized);
        log.info("Converted index {} to encoded keys ({} keys)", mapName, converted.sizeAsLong());
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        // The map names of H2Database, so existing collections are found and its drop and rename handle ours.
        String namespace = getFullCollectionNamespace(collectionName);
        MVMap<Object, Object> dataMap = mvStore.openMap("databases." + namespace,
                new MVMap.Builder<Object, Object>().valueType(new BsonDocumentType()));
        MVMap<String, Object> metaMap = mvStore.openMap("meta." + namespace);
        return new StoreCollection(this, collectionName, options, dataMap, metaMap, cursorRegistry);
    }
}
