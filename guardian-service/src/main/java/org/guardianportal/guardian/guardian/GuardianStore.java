package org.guardianportal.guardian.guardian;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.bson.Document;
import org.guardianportal.contracts.EmailOrigin;
import org.guardianportal.contracts.GuardianEmailUpdated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

import com.mongodb.ErrorCategory;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;

/**
 * The {@code guardians} collection. A change and the event that reports it are written in one single-document
 * update (the event goes into the guardian's {@code outbox} array), so no accepted change is ever left unannounced.
 */
@Repository
class GuardianStore implements InitializingBean {

    static final String COLLECTION = "guardians";
    /** {@link ExternalRef#key()}, stored with every guardian that has a reference. */
    static final String EXTERNAL_KEY = "externalKey";
    private static final Logger log = LoggerFactory.getLogger(GuardianStore.class);
    private static final int CHUNK = 250;

    private final MongoTemplate mongo;

    GuardianStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        IndexOperations indexes = mongo.indexOps(COLLECTION);
        // sparse: guardians without an external reference do not collide with each other
        indexes.createIndex(new Index().on(EXTERNAL_KEY, Sort.Direction.ASC).unique().sparse().named("externalKey_unique"));
        addMissingExternalKeys();
        dropIndexIfPresent(indexes, "externalRef_unique");
        // every change is written "if still at this version", {_id, version}: the _id index finds it, on any store
        dropIndexIfPresent(indexes, "id_version");
        indexes.createIndex(new Index().on("searchTokens", Sort.Direction.ASC).on("sortLastName", Sort.Direction.ASC)
                .on("sortFirstName", Sort.Direction.ASC).named("search_byName"));
        indexes.createIndex(new Index().on("sortLastName", Sort.Direction.ASC).on("sortFirstName", Sort.Direction.ASC)
                .on("_id", Sort.Direction.ASC).named("byName"));
        indexes.createIndex(new Index().on("email", Sort.Direction.ASC).on("sortLastName", Sort.Direction.ASC)
                .on("sortFirstName", Sort.Direction.ASC).named("email_byName"));
        indexes.createIndex(new Index().on("outbox.occurredAt", Sort.Direction.ASC).sparse().named("outbox_oldestFirst"));
    }

    /**
     * Guardians stored before {@code externalKey} existed get it once, at start-up: every lookup by reference reads
     * that field alone. One scan, and none once every guardian has its key.
     */
    private void addMissingExternalKeys() {
        Query missing = query(where("externalRef").exists(true).and(EXTERNAL_KEY).exists(false));
        missing.fields().include("externalRef");
        List<Document> documents = mongo.find(missing, Document.class, COLLECTION);
        if (documents.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
        for (Document document : documents) {
            bulk.updateOne(query(where("_id").is(document.get("_id"))),
                    Update.update(EXTERNAL_KEY, externalRef(document).key()));
        }
        bulk.execute();
        log.info("Gave {} guardian(s) stored before it their externalKey", documents.size());
    }

    /** The unique index on (externalRef.source, externalRef.id) that {@code externalKey_unique} replaces. */
    private static void dropIndexIfPresent(IndexOperations indexes, String name) {
        if (indexes.getIndexInfo().stream().anyMatch(index -> index.getName().equals(name))) {
            indexes.dropIndex(name);
        }
    }

    void insert(GuardianChange creation) {
        mongo.insert(document(creation), COLLECTION);
    }

    /**
     * Inserts new guardians in one unordered bulk write and returns what each inserted one has waiting to be
     * published. A guardian whose external reference another writer took meanwhile is not inserted and not in the
     * result; any other failure is thrown.
     */
    List<PendingEvents> insertAll(List<GuardianChange> creations) {
        if (creations.isEmpty()) {
            return List.of();
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
        creations.forEach(creation -> bulk.insert(document(creation)));
        Set<Integer> taken = new HashSet<>();
        try {
            bulk.execute();
        } catch (BulkOperationException failed) {
            for (BulkWriteError error : failed.getErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw failed;
                }
                taken.add(error.getIndex());
            }
        }
        List<PendingEvents> inserted = new ArrayList<>(creations.size());
        for (int i = 0; i < creations.size(); i++) {
            if (!taken.contains(i)) {
                GuardianChange creation = creations.get(i);
                inserted.add(new PendingEvents(creation.after().id(), List.of(creation.event())));
            }
        }
        return inserted;
    }

    private static Document document(GuardianChange creation) {
        Guardian guardian = creation.after();
        Document document = new Document("_id", guardian.id());
        document.putAll(fields(guardian));
        document.put("createdAt", Date.from(guardian.createdAt()));
        if (guardian.externalRef() != null) {
            document.put("externalRef", new Document("source", guardian.externalRef().source())
                    .append("id", guardian.externalRef().id()));
            document.put(EXTERNAL_KEY, guardian.externalRef().key());
        }
        document.put("outbox", List.of(entry(creation.event())));
        return document;
    }

    /** Applies the change if nobody changed the guardian meanwhile; returns what is now waiting to be published. */
    Optional<PendingEvents> update(GuardianChange change) {
        Document updated = mongo.findAndModify(unchangedSince(change.before()), updateFor(change),
                FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION);
        return Optional.ofNullable(updated).map(GuardianStore::pendingEvents);
    }

    /**
     * Applies many changes in one unordered bulk write and returns what each changed guardian now has waiting to be
     * published. A change whose guardian was changed meanwhile is not applied and not in the result. Outboxes are
     * read back only where the batch cannot tell on its own: guardians that already had events waiting, or all of
     * them when some change did not apply.
     */
    List<PendingEvents> updateAll(List<GuardianChange> changes, Set<String> withUnpublishedEvents) {
        if (changes.isEmpty()) {
            return List.of();
        }
        List<WriteModel<Document>> writes = new ArrayList<>(changes.size());
        for (GuardianChange change : changes) {
            writes.add(updateOne(unchangedSince(change.before()), updateFor(change)));
        }
        boolean allApplied = bulkWrite(writes).getMatchedCount() == changes.size();
        List<PendingEvents> applied = new ArrayList<>(changes.size());
        Map<String, String> toReadBack = new HashMap<>();
        for (GuardianChange change : changes) {
            String guardianId = change.after().id();
            if (allApplied && !withUnpublishedEvents.contains(guardianId)) {
                applied.add(new PendingEvents(guardianId, List.of(change.event())));
            } else {
                toReadBack.put(guardianId, change.event().eventId().toString());
            }
        }
        for (List<String> chunk : chunks(toReadBack.keySet())) {
            Query outboxes = query(where("_id").in(chunk));
            outboxes.fields().include("outbox");
            for (Document document : mongo.find(outboxes, Document.class, COLLECTION)) {
                PendingEvents pending = pendingEvents(document);
                String ours = toReadBack.get(pending.guardianId());
                if (pending.events().stream().anyMatch(event -> event.eventId().toString().equals(ours))) {
                    applied.add(pending);
                }
            }
        }
        return applied;
    }

    Optional<Guardian> findById(String id) {
        return Optional.ofNullable(mongo.findById(id, Document.class, COLLECTION)).map(GuardianStore::guardian);
    }

    Optional<Guardian> findByExternalRef(ExternalRef ref) {
        return Optional.ofNullable(mongo.findOne(query(byExternalRef(ref)), Document.class, COLLECTION))
                .map(GuardianStore::guardian);
    }

    /**
     * Reads guardians named by id or by external reference, in chunks of {@value #CHUNK}: one round trip per chunk,
     * never one per guardian. (Small chunks: mongo-java-server's cost for {@code $in} grows with the square of the list.)
     */
    GuardianBatch findAll(Collection<String> ids, Collection<ExternalRef> refs) {
        GuardianBatch batch = new GuardianBatch();
        for (List<String> chunk : chunks(ids)) {
            readInto(batch, query(where("_id").in(chunk)));
        }
        for (List<String> chunk : chunks(refs.stream().map(ExternalRef::key).toList())) {
            readInto(batch, query(where(EXTERNAL_KEY).in(chunk)));
        }
        return batch;
    }

    private void readInto(GuardianBatch batch, Query query) {
        query.fields().include("firstName", "lastName", "email", "externalRef", "createdAt", "updatedAt", "version",
                "outbox.eventId");
        for (Document document : mongo.find(query, Document.class, COLLECTION)) {
            batch.add(guardian(document), !document.getList("outbox", Document.class, List.of()).isEmpty());
        }
    }

    /** Every word must start one of the guardian's search tokens; sorted by last name, then first name. */
    GuardianPage search(List<String> words, Boolean hasEmail, int page, int size) {
        List<Criteria> conditions = new ArrayList<>();
        for (String word : words) {
            // words are letters and digits only (see SearchTokens): an anchored prefix regex, served by the index
            conditions.add(where("searchTokens").regex("^" + word));
        }
        if (hasEmail != null) {
            conditions.add(hasEmail ? where("email").ne(null) : where("email").is(null));
        }
        Query query = conditions.isEmpty() ? new Query() : query(new Criteria().andOperator(conditions));
        long total = mongo.count(query, COLLECTION);
        query.with(Sort.by("sortLastName", "sortFirstName", "_id")).skip((long) page * size).limit(size);
        query.fields().exclude("outbox").exclude("searchTokens");
        List<Guardian> items = mongo.find(query, Document.class, COLLECTION).stream().map(GuardianStore::guardian).toList();
        return new GuardianPage(items, total);
    }

    /** Guardians with an event older than {@code cutoff} still unpublished, oldest first, with all their pending events. */
    List<PendingEvents> findUnpublishedBefore(Instant cutoff, int limit) {
        Query due = query(where("outbox.occurredAt").lt(Date.from(cutoff)))
                .with(Sort.by("outbox.occurredAt")).limit(limit);
        due.fields().include("outbox");
        return mongo.find(due, Document.class, COLLECTION).stream().map(GuardianStore::pendingEvents).toList();
    }

    /** Removes events the broker acknowledged, in one bulk write. */
    void removePublished(Map<String, List<String>> eventIdsByGuardian) {
        if (eventIdsByGuardian.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>(eventIdsByGuardian.size());
        eventIdsByGuardian.forEach((guardianId, eventIds) -> writes.add(updateOne(query(where("_id").is(guardianId)),
                new Update().pull("outbox", new Document("eventId", new Document("$in", eventIds))))));
        bulkWrite(writes);
    }

    /**
     * The query and update as written, for {@link #bulkWrite}: every field name here is the stored one and every value
     * one the driver encodes as Spring would (dates, strings, numbers, lists, documents).
     */
    private static UpdateOneModel<Document> updateOne(Query query, Update update) {
        return new UpdateOneModel<>(query.getQueryObject(), update.getUpdateObject());
    }

    /**
     * One unordered bulk write sent with the driver, without Spring Data's mapping of each query and update: in a
     * profile of a 20,000-row import, that mapping took a fifth of the request thread's CPU samples. Failures are still
     * translated into Spring's exceptions (a store out of reach answers 503).
     */
    private BulkWriteResult bulkWrite(List<WriteModel<Document>> writes) {
        return mongo.execute(COLLECTION, collection -> collection.bulkWrite(writes, new BulkWriteOptions().ordered(false)));
    }

    private static Query unchangedSince(Guardian before) {
        return query(where("_id").is(before.id()).and("version").is(before.version()));
    }

    private static Update updateFor(GuardianChange change) {
        Update update = new Update();
        fields(change.after()).forEach(update::set);
        return update.push("outbox", entry(change.event()));
    }

    private static Criteria byExternalRef(ExternalRef ref) {
        return where(EXTERNAL_KEY).is(ref.key());
    }

    private static Map<String, Object> fields(Guardian guardian) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("firstName", guardian.firstName());
        fields.put("lastName", guardian.lastName());
        fields.put("email", guardian.email());
        fields.put("updatedAt", Date.from(guardian.updatedAt()));
        fields.put("version", guardian.version());
        fields.put("searchTokens", SearchTokens.of(guardian.firstName(), guardian.lastName(), guardian.email()));
        fields.put("sortLastName", SearchTokens.sortKey(guardian.lastName()));
        fields.put("sortFirstName", SearchTokens.sortKey(guardian.firstName()));
        return fields;
    }

    private static Guardian guardian(Document document) {
        return new Guardian(
                document.getString("_id"),
                document.getString("firstName"),
                document.getString("lastName"),
                document.getString("email"),
                externalRef(document),
                document.getDate("createdAt").toInstant(),
                document.getDate("updatedAt").toInstant(),
                ((Number) document.get("version")).longValue());
    }

    private static ExternalRef externalRef(Document document) {
        Document ref = document.get("externalRef", Document.class);
        return ref == null ? null : new ExternalRef(ref.getString("source"), ref.getString("id"));
    }

    private static Document entry(GuardianEmailUpdated event) {
        return new Document("eventId", event.eventId().toString())
                .append("occurredAt", Date.from(event.occurredAt()))
                .append("firstName", event.firstName())
                .append("lastName", event.lastName())
                .append("email", event.email())
                .append("previousEmail", event.previousEmail())
                .append("origin", event.origin().name())
                .append("actor", event.actor());
    }

    private static PendingEvents pendingEvents(Document document) {
        String guardianId = document.getString("_id");
        List<GuardianEmailUpdated> events = document.getList("outbox", Document.class, List.of()).stream()
                .map(entry -> new GuardianEmailUpdated(
                        UUID.fromString(entry.getString("eventId")),
                        entry.getDate("occurredAt").toInstant(),
                        guardianId,
                        entry.getString("firstName"),
                        entry.getString("lastName"),
                        entry.getString("email"),
                        entry.getString("previousEmail"),
                        EmailOrigin.valueOf(entry.getString("origin")),
                        entry.getString("actor")))
                .toList();
        return new PendingEvents(guardianId, events);
    }

    private static List<List<String>> chunks(Collection<String> values) {
        List<String> all = new ArrayList<>(new HashSet<>(values));
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += CHUNK) {
            chunks.add(all.subList(from, Math.min(all.size(), from + CHUNK)));
        }
        return chunks;
    }
}
