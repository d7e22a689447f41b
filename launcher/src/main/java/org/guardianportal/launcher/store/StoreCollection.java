package org.guardianportal.launcher.store;

import java.util.stream.Stream;

import org.h2.mvstore.MVMap;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;

/**
 * mongo-java-server's H2 collection, handing out copies of the documents it stores, never the stored instances.
 * An update changes the document it was given in place and then stores that instance as the new version; given the
 * stored instance itself, it changed a document that H2's background writer may have been serialising for the
 * previous version at that moment ({@code ConcurrentModificationException}, which stops the store, or a half-updated
 * document on disk). A copy of the top-level fields is enough: the update replaces fields, never changes their values.
 */
final class StoreCollection extends H2Collection {

    private final MVMap<Object, Document> dataMap;

    StoreCollection(MongoDatabase database, String collectionName, CollectionOptions options,
            MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursorRegistry) {
        super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
        this.dataMap = dataMap;
    }

    @Override
    protected Document getDocument(Object position) {
        Document stored = super.getDocument(position);
        return stored == null ? null : stored.clone();
    }

    @Override
    protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
        return super.streamAllDocumentsWithPosition()
                .map(stored -> new DocumentWithPosition<>(stored.getDocument().clone(), stored.getPosition()));
    }

    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
            Document fieldSelector) {
        if (isNaturalDescending(orderBy)) {
            // H2Collection reads them through streamAllDocumentsWithPosition: copies already
            return super.matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        return matchDocumentsFromStream(dataMap.values().stream().map(Document::clone), query, orderBy, numberToSkip,
                limit, batchSize, fieldSelector);
    }
}
