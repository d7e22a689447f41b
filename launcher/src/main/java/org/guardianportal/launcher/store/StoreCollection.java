package org.guardianportal.launcher.store;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.h2.mvstore.MVMap;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.Assert;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentComparator;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * mongo-java-server's H2 collection, keeping each document as its BSON ({@link StoredDocument}) and handing out a
 * fresh instance of it to every read. mongo-java-server's update (used for the updates this class does not apply
 * itself, see {@link #updateDocuments}) changes the document it was given in place and then stores that instance as
 * the new version: given a stored instance, it changed a document that H2's background writer may have been
 * serialising for the previous version at that moment ({@code ConcurrentModificationException}, which stops the
 * store, or a half-updated document on disk). Every method of H2Collection that reads or writes the documents' map is
 * overridden here, so none of them meets what the map holds.
 */
final class StoreCollection extends H2Collection {

    /** Documents kept, at most, to answer a page of a sorted read (see {@link #matchStored}). */
    private static final int LARGEST_SORTED_PAGE = 10_000;

    private final MVMap<Object, Object> dataMap;
    /** The last {@code $in} query of strings this thread matched, as a set: one query matches many documents. */
    private final ThreadLocal<StringsIn> lastStringsIn = new ThreadLocal<>();
    /** The fields the query this thread is answering reads; null while it reads whole documents, or none. */
    private final ThreadLocal<FieldNames> readFields = new ThreadLocal<>();
    /** The fields the count this thread is answering reads ({@link #countingOn}); null for any other aggregation. */
    private final ThreadLocal<FieldNames> countedFields = new ThreadLocal<>();

    StoreCollection(MongoDatabase database, String collectionName, CollectionOptions options,
            MVMap<Object, Object> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursorRegistry) {
        super(database, collectionName, options, asDocuments(dataMap), metaMap, cursorRegistry);
        this.dataMap = dataMap;
    }

    /** H2Collection's type for the map; it only counts its entries (see the class comment). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static MVMap<Object, Document> asDocuments(MVMap<Object, Object> dataMap) {
        return (MVMap) dataMap;
    }

    /**
     * The collection's size in bytes is counted when asked ({@code collStats}, {@code validate}) rather than kept:
     * keeping it encoded the old and the new document of every update into BSON and wrote the total to the store's
     * metadata on every insert, update and removal, for a figure nothing here reads.
     */
    @Override
    protected boolean tracksDataSize() {
        return false;
    }

    @Override
    protected int getDataSize() {
        if (dataMap == null) {
            // asked by H2Collection's constructor, for a debug line, before this collection is set up
            return super.getDataSize();
        }
        long size = 0;
        ByteBuf buffer = Unpooled.buffer();
        try {
            for (Object kept : dataMap.values()) {
                if (kept instanceof StoredDocument stored) {
                    size += stored.bson().length;
                } else {
                    BsonEncoder.encodeDocument((Document) kept, buffer.clear());
                    size += buffer.writerIndex();
                }
            }
        } finally {
            buffer.release();
        }
        return (int) Math.min(Integer.MAX_VALUE, size);
    }

    /**
     * A query {@code {field: {$in: [strings]}, ...}} (every read by a list of ids) matches a string value by a set
     * lookup, then the rest of the query: mongo-java-server compares the value with each element of the list in turn,
     * which made reading 1,000 messages by id a million comparisons. Any other query, or value, is matched by
     * mongo-java-server.
     */
    @Override
    protected boolean documentMatchesQuery(Document document, Document query) {
        StringsIn in = StringsIn.of(query, lastStringsIn.get());
        if (in != null) {
            lastStringsIn.set(in);
            if (document.get(in.field()) instanceof String value) {
                return in.values().contains(value)
                        && (in.rest().isEmpty() || super.documentMatchesQuery(document, in.rest()));
            }
        }
        return super.documentMatchesQuery(document, query);
    }

    private record StringsIn(Document query, String field, Set<String> values, Document rest) {

        /** The query's first field matched by {@code $in} of strings, and the rest; null if it has none. */
        static StringsIn of(Document query, StringsIn last) {
            if (last != null && last.query() == query) {
                return last;
            }
            for (String field : query.keySet()) {
                Set<String> values = strings(field, query.get(field));
                if (values != null) {
                    Document rest = new Document(query);
                    rest.remove(field);
                    return new StringsIn(query, field, values, rest);
                }
            }
            return null;
        }

        /** The strings of {@code {$in: [strings]}} on a top-level field; null for any other condition. */
        private static Set<String> strings(String field, Object condition) {
            if (field.startsWith("$") || field.contains(".") || !(condition instanceof Document document)
                    || document.size() != 1 || !(document.get("$in") instanceof Collection<?> list)) {
                return null;
            }
            Set<String> values = new HashSet<>(list.size() * 2);
            for (Object element : list) {
                if (!(element instanceof String value)) {
                    return null;
                }
                values.add(value);
            }
            return values;
        }
    }

    /**
     * A query projected to a list of fields decodes only the fields it filters, sorts and projects on
     * ({@link FieldNames#read}): delivery reads a message's state, or what sending it needs, not its search words.
     * mongo-java-server collects every answer before this returns, so no document is read after.
     */
    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
            Document fieldSelector) {
        FieldNames outer = readFields.get();
        readFields.set(FieldNames.read(query, orderBy, fieldSelector, getIdField()));
        try {
            return queryIndexed(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        } finally {
            readFields.set(outer);
        }
    }

    /**
     * A query on {@code _id} and other fields is answered as MongoDB answers it: the {@code _id} index finds the
     * candidates, the whole query filters them. mongo-java-server uses an index only when the query names exactly
     * its fields, so {@code {_id, version}} (every conditional write) read the whole collection unless a unique index
     * on those very fields existed. A range of string ids is read from that part of the map ({@link IdRange}).
     */
    private QueryResult queryIndexed(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
            Document fieldSelector) {
        IdRange range = IdRange.of(query.get(getIdField()));
        if (range != null && !isNaturalDescending(orderBy)) {
            return matchStored(range.keysIn(dataMap).map(this::stored), query, orderBy, numberToSkip, limit, batchSize,
                    fieldSelector);
        }
        if (query.size() > 1 && query.containsKey(getIdField())) {
            Document byId = new Document(getIdField(), query.get(getIdField()));
            Index<Object> idIndex = idIndex(byId);
            if (idIndex != null) {
                return matchDocuments(query, idIndex.getPositions(byId), orderBy, numberToSkip, limit, batchSize,
                        fieldSelector);
            }
        }
        return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /**
     * A range of string {@code _id}s ({@code $gt} or {@code $gte}, with or without {@code $lt} or {@code $lte}: the
     * items of one batch, by the prefix of their ids) is read from that range of the documents' map, which H2 keeps
     * sorted by {@code _id}; the whole query then filters what it finds. mongo-java-server read every document of the
     * collection. Only for bounds below U+D800: for those, H2's order of strings (UTF-16 units) is MongoDB's (UTF-8
     * bytes) whatever the id, so no id of the range lies outside the part of the map that is read.
     */
    private record IdRange(String from, String to) {

        static IdRange of(Object condition) {
            if (!(condition instanceof Document bounds) || bounds.isEmpty()) {
                return null;
            }
            String from = null;
            String to = null;
            for (String operator : bounds.keySet()) {
                if (!(bounds.get(operator) instanceof String bound) || !belowSurrogates(bound)) {
                    return null;
                }
                switch (operator) {
                    case "$gt", "$gte" -> from = bound;
                    case "$lt", "$lte" -> to = bound;
                    default -> {
                        return null;
                    }
                }
            }
            return from == null ? null : new IdRange(from, to);
        }

        private static boolean belowSurrogates(String bound) {
            return bound.chars().allMatch(unit -> unit < Character.MIN_SURROGATE);
        }

        /** The map's keys from the lower bound on, up to the upper one (H2 sorts keys by type first, then value). */
        Stream<Object> keysIn(MVMap<Object, Object> dataMap) {
            Iterator<Object> keys = dataMap.keyIterator(from);
            return Stream.iterate(keys.hasNext() ? keys.next() : null,
                    key -> key instanceof String id && (to == null || id.compareTo(to) <= 0),
                    key -> keys.hasNext() ? keys.next() : null);
        }
    }

    /**
     * An update of one document found by its {@code _id} that sets, unsets, increments, appends to or removes from
     * top-level fields ({@link TopLevelUpdate}: every update while importing and delivering) is applied to the
     * fields it reads ({@link FieldNames#updated}: those of the filter, the update and the indexes), which are then
     * written into the stored BSON in place of theirs, the other fields' bytes copied unread; only the indexes on a
     * field it names are told of the change, as mongo-java-server tells them. mongo-java-server copies the whole
     * document deeply twice, compares it whole twice, checks every field name of it and computes the keys of every
     * index four times, for each update: in a delivery of 10,000 messages, updates were three quarters of the store's
     * request thread and most of what it allocated. Any other update, or an upsert that matches nothing, is
     * mongo-java-server's.
     */
    @Override
    public synchronized Document updateDocuments(Document selector, Document update, ArrayFilters arrayFilters,
            boolean isMulti, boolean isUpsert, Oplog oplog) {
        Object id = selector.get(getIdField());
        TopLevelUpdate topLevel = TopLevelUpdate.of(update, getIdField());
        if (topLevel == null || isMulti || !arrayFilters.isEmpty() || id == null || id instanceof Document) {
            return super.updateDocuments(selector, update, arrayFilters, isMulti, isUpsert, oplog);
        }
        Document byId = new Document(getIdField(), id);
        Index<Object> idIndex = idIndex(byId);
        if (idIndex == null) {
            return super.updateDocuments(selector, update, arrayFilters, isMulti, isUpsert, oplog);
        }
        Iterator<Object> found = idIndex.getPositions(byId).iterator();
        Object position = found.hasNext() ? found.next() : null;
        Object kept = position == null ? null : dataMap.get(position);
        FieldNames read = kept instanceof StoredDocument
                ? FieldNames.updated(selector, topLevel.fields(), getIndexes(), getIdField()) : null;
        Document stored = kept == null ? null : StoredDocument.open(kept, read);
        if (stored == null || !documentMatchesQuery(stored, selector)) {
            if (isUpsert) {
                return super.updateDocuments(selector, update, arrayFilters, isMulti, isUpsert, oplog);
            }
            return answer(selector, update, oplog, 0, null);
        }
        Document updated = topLevel.applyTo(stored);
        if (updated == null) {
            // a field to increment holds no number, or one to append to no list: mongo-java-server says so
            return super.updateDocuments(selector, update, arrayFilters, isMulti, isUpsert, oplog);
        }
        if (!topLevel.changed(stored, updated)) {
            return answer(selector, update, oplog, 1, null);
        }
        Object replacement;
        try {
            replacement = read == null ? StoredDocument.keep(updated) : ((StoredDocument) kept).with(read, updated);
        } catch (IllegalArgumentException notBson) {
            // a new value BSON has no type for: mongo-java-server stores the whole document its way
            return super.updateDocuments(selector, update, arrayFilters, isMulti, isUpsert, oplog);
        }
        List<Index<Object>> changedKeys = getIndexes().stream().filter(index -> topLevel.touches(index.getKeys()))
                .toList();
        for (Index<Object> index : changedKeys) {
            index.checkUpdate(stored, updated, this);
        }
        for (Index<Object> index : changedKeys) {
            index.updateInPlace(stored, updated, position, this);
        }
        dataMap.put(position, replacement);
        return answer(selector, update, oplog, 1, id);
    }

    /** The answer mongo-java-server gives, after telling its oplog; {@code changedId} is null if nothing changed. */
    private Document answer(Document selector, Document update, Oplog oplog, int matched, Object changedId) {
        oplog.handleUpdate(getFullName(), selector, update, changedId == null ? List.of() : List.of(changedId));
        Document result = new Document("n", matched);
        result.put("nModified", changedId == null ? 0 : 1);
        return result;
    }

    /** The index that finds this {@code _id}; null if the collection has none (then it is read whole). */
    private Index<Object> idIndex(Document byId) {
        for (Index<Object> index : getIndexes()) {
            if (index.canHandle(byId)) {
                return index;
            }
        }
        return null;
    }

    @Override
    protected Object addDocumentInternal(Document document) {
        Object key = getIdField() != null ? Utils.getSubdocumentValue(document, getIdField()) : UUID.randomUUID();
        Object previous = dataMap.put(Missing.ofNullable(key), StoredDocument.keep(document));
        Assert.isNull(previous, () -> "Document with key '" + key + "' already existed in " + this);
        return key;
    }

    @Override
    protected Document getDocument(Object position) {
        Object kept = dataMap.get(position);
        return kept == null ? null : StoredDocument.open(kept, readFields.get());
    }

    @Override
    protected void removeDocument(Object position) {
        if (dataMap.remove(position) == null) {
            throw new NoSuchElementException("No document with key " + position);
        }
    }

    @Override
    protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
        dataMap.put(Missing.ofNullable(position), StoredDocument.keep(newDocument));
    }

    /**
     * Answers a count (see {@link StoreDatabase#handleCommand}) opening each document with only the fields its
     * {@code $match} reads: mongo-java-server's aggregation reads the whole collection ({@link #queryAllAsStream}),
     * every document opened whole.
     */
    <T> T countingOn(FieldNames fields, Supplier<T> count) {
        FieldNames outer = countedFields.get();
        countedFields.set(fields);
        try {
            return count.get();
        } finally {
            countedFields.set(outer);
        }
    }

    @Override
    public Stream<Document> queryAllAsStream() {
        FieldNames counted = countedFields.get();
        if (counted == null) {
            return super.queryAllAsStream();
        }
        return dataMap.values().stream().map(kept -> StoredDocument.open(kept, counted));
    }

    @Override
    protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
        FieldNames fields = readFields.get();
        return dataMap.entrySet().stream()
                .map(entry -> new DocumentWithPosition<>(StoredDocument.open(entry.getValue(), fields),
                        entry.getKey()));
    }

    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
            Document fieldSelector) {
        if (isNaturalDescending(orderBy)) {
            // H2Collection reads them through streamAllDocumentsWithPosition
            return super.matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        return matchStored(dataMap.entrySet().stream(), query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /** The documents found by an index (the {@code _id}'s, or a unique one naming the query's very fields). */
    @Override
    protected QueryResult matchDocuments(Document query, Iterable<Object> positions, Document orderBy, int numberToSkip,
            int limit, int batchSize, Document fieldSelector) {
        if (isNaturalDescending(orderBy)) {
            return super.matchDocuments(query, positions, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        Stream<Map.Entry<Object, Object>> found = StreamSupport.stream(positions.spliterator(), false)
                .map(this::stored);
        return matchStored(found, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    private Map.Entry<Object, Object> stored(Object key) {
        return new AbstractMap.SimpleImmutableEntry<>(key, dataMap.get(key));
    }

    /**
     * Matches stored documents, as mongo-java-server does, except for a page of a sorted read ({@code limit}, and at
     * most {@value #LARGEST_SORTED_PAGE} documents with those skipped): mongo-java-server opens every matching
     * document whole and sorts them all, so the first page of 20,000 guardians by name took 500 to 900 ms (35 ms
     * here). Each document is opened with only the fields its filter and the sort read, the first {@code skip + limit}
     * in order are kept in a heap (those that sort equal in the order they were met, as the stable sort keeps them),
     * and only the page is opened as asked.
     */
    private QueryResult matchStored(Stream<Map.Entry<Object, Object>> stored, Document query, Document orderBy,
            int numberToSkip, int limit, int batchSize, Document fieldSelector) {
        FieldNames fields = readFields.get();
        DocumentComparator order = deriveComparator(orderBy);
        long kept = (long) numberToSkip + limit;
        FieldNames sortedOn = order == null || limit <= 0 || numberToSkip < 0 || kept > LARGEST_SORTED_PAGE ? null
                : FieldNames.read(query, orderBy, new Document(getIdField(), 1), getIdField());
        if (sortedOn == null) {
            return matchDocumentsFromStream(stored.map(entry -> StoredDocument.open(entry.getValue(), fields)), query,
                    orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        Comparator<Candidate> inOrder = Comparator.comparing(Candidate::sortedOn, order)
                .thenComparingLong(Candidate::met);
        PriorityQueue<Candidate> first = new PriorityQueue<>((int) kept, inOrder.reversed());
        long met = 0;
        for (Iterator<Map.Entry<Object, Object>> it = stored.iterator(); it.hasNext(); ) {
            Map.Entry<Object, Object> entry = it.next();
            Document document = StoredDocument.open(entry.getValue(), sortedOn);
            if (documentMatchesQuery(document, query)) {
                Candidate candidate = new Candidate(met++, entry.getKey(), document);
                if (first.size() < kept) {
                    first.add(candidate);
                } else if (inOrder.compare(candidate, first.peek()) < 0) {
                    // mongo-java-server's comparator splits each field's path anew: compared once, most are not kept
                    first.poll();
                    first.add(candidate);
                }
            }
        }
        Stream<Document> page = first.stream().sorted(inOrder).skip(numberToSkip)
                .map(candidate -> StoredDocument.open(dataMap.get(candidate.key()), fields));
        return matchDocumentsFromStream(query, page, 0, 0, batchSize, null, fieldSelector);
    }

    /** A matching document of a sorted read, opened with the fields its filter and the sort read. */
    private record Candidate(long met, Object key, Document sortedOn) {
    }
}
