package org.guardianportal.credential.batch;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.guardianportal.contracts.CredentialCommand;
import org.guardianportal.contracts.MessageStatus;
import org.guardianportal.contracts.NotificationStatusChanged;
import org.guardianportal.credential.CredentialSettings;
import org.guardianportal.credential.StoreIndexes;
import org.guardianportal.credential.web.PageQuery;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** Batches and their items in MongoDB: bulk writes, chunked reads, a batch's counts by the range of its items' ids. */
@Component
class BatchStore {

    private static final String DELIVERY_AT = "deliveryAt";
    /** Rounds of read-decide-write when delivery statuses of one item arrive at the same time. */
    private static final int ATTEMPTS = 5;
    /** Item ids per {@code $in} when reading the delivery times of a poll of status events. */
    private static final int DELIVERY_READ_CHUNK = 250;

    private final MongoTemplate mongo;
    private final int chunkSize;

    BatchStore(MongoTemplate mongo, CredentialSettings settings) {
        this.mongo = mongo;
        this.chunkSize = settings.batch().chunkSize();
        mongo.indexOps(BatchDocument.class).createIndex(new Index("createdAt", Sort.Direction.DESC));
        mongo.indexOps(BatchItemDocument.class).createIndex(
                new Index("published", Sort.Direction.ASC).on("createdAt", Sort.Direction.ASC));
        // items are changed "if still in this state", by _id and more: the _id index finds them, on any store
        StoreIndexes.dropIfPresent(mongo.indexOps(BatchItemDocument.class), "id_command_state");
        StoreIndexes.dropIfPresent(mongo.indexOps(BatchItemDocument.class), "id_deliveryAt");
        // a batch's items are counted by the range of their ids, which the _id index finds, on any store
        StoreIndexes.dropIfPresent(mongo.indexOps(BatchItemDocument.class), "batchId_1_state_1");
        StoreIndexes.dropIfPresent(mongo.indexOps(BatchItemDocument.class), "batchId_1_delivery_1");
    }

    void insert(BatchDocument batch, List<BatchItemDocument> items) {
        mongo.insert(batch);
        for (List<BatchItemDocument> chunk : chunks(items)) {
            mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, BatchItemDocument.class).insert(chunk).execute();
        }
    }

    BatchDocument find(String batchId) {
        return mongo.findById(batchId, BatchDocument.class);
    }

    List<BatchDocument> newestFirst(PageQuery page) {
        Query newest = new Query().with(Sort.by(Sort.Direction.DESC, "createdAt"))
                .skip(page.offset()).limit(page.size());
        return mongo.find(newest, BatchDocument.class);
    }

    long countBatches() {
        return mongo.count(new Query(), BatchDocument.class);
    }

    /**
     * Item counts of these batches: per state, and per delivery status for the delivered and failed ones. A batch's
     * items are read by the range of their ids, which all begin with the batch's ({@link BatchItemDocument#idOf}):
     * the {@code _id} index finds them, on any store, whatever the number of other batches. An aggregation matching
     * the batches' ids read every item of every batch on the embedded store: counting a batch of 1,000 among 100,000
     * items took 200 to 660 ms, by the range 7 to 10 ms after the first read (52 ms). The passwords screen asks for a
     * running batch's counts every 1.5 s.
     */
    Map<String, ItemCounts> countItems(Collection<String> batchIds) {
        Map<String, ItemCounts> counts = new HashMap<>();
        for (String batchId : batchIds) {
            ItemCounts batch = new ItemCounts();
            Query items = query(where("_id").gte(BatchItemDocument.idOf(batchId, ""))
                    .lt(BatchItemDocument.idsAfter(batchId)));
            items.fields().include("state", "delivery");
            for (Document item : mongo.find(items, Document.class, BatchItemDocument.COLLECTION)) {
                batch.byState.merge(item.getString("state"), 1L, Long::sum);
                String delivery = item.getString("delivery");
                if (delivery != null) {
                    batch.byDelivery.merge(delivery, 1L, Long::sum);
                }
            }
            counts.put(batchId, batch);
        }
        return counts;
    }

    List<BatchItemDocument> findItems(Collection<String> itemIds) {
        return mongo.find(query(where("_id").in(itemIds)), BatchItemDocument.class);
    }

    void markPublished(List<String> itemIds) {
        for (List<String> chunk : chunks(itemIds)) {
            mongo.updateMulti(query(where("_id").in(chunk)), Update.update("published", true),
                    BatchItemDocument.class);
        }
    }

    /** Queued items whose command Kafka has not acknowledged since before {@code cutoff}, oldest first. */
    List<BatchItemDocument> unpublished(Instant cutoff, int limit) {
        Query stale = query(where("published").is(false).and("createdAt").lt(cutoff).and("state")
                .is(BatchItemState.QUEUED))
                .with(Sort.by("createdAt")).limit(limit);
        return mongo.find(stale, BatchItemDocument.class);
    }

    /**
     * Moves queued items on, in one bulk write, each once, for the command that queued it; the consumer saw it, so it
     * was published.
     */
    void settle(List<Batches.Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, BatchItemDocument.class);
        for (Batches.Outcome outcome : outcomes) {
            CredentialCommand command = outcome.command();
            bulk.updateOne(query(where("_id").is(BatchItemDocument.idOf(command.batchId(), command.guardianId()))
                            .and("commandId").is(command.commandId().toString()).and("state").is(BatchItemState.QUEUED)),
                    new Update().set("state", outcome.refusal() == null ? BatchItemState.ISSUED : BatchItemState.REJECTED)
                            .set("reason", outcome.refusal()).set("published", true));
        }
        bulk.execute();
    }

    /**
     * Records the newest of these delivery statuses for each item, unless a later one was recorded already: reads the
     * items' latest status times with {@code $in}, then writes the newer statuses in one unordered bulk write, each
     * only if its item's time is still the one read. An item another writer changed in between is recorded again
     * one status at a time, which reads it anew. Items that do not exist are ignored.
     */
    void recordDeliveries(List<NotificationStatusChanged> events) {
        Map<String, NotificationStatusChanged> newest = new LinkedHashMap<>();
        for (NotificationStatusChanged event : events) {
            // the same instant twice: the later record wins, as it would one record at a time
            newest.merge(BatchItemDocument.idOf(event.batchId(), event.guardianId()), event,
                    (kept, next) -> next.occurredAt().isBefore(kept.occurredAt()) ? kept : next);
        }
        Map<String, Date> stored = deliveryAt(List.copyOf(newest.keySet()));
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, BatchItemDocument.class);
        List<String> written = new ArrayList<>();
        newest.forEach((itemId, event) -> {
            Date current = stored.get(itemId);
            if (stored.containsKey(itemId) && (current == null || !current.toInstant().isAfter(event.occurredAt()))) {
                bulk.updateOne(query(where("_id").is(itemId).and(DELIVERY_AT).is(current)),
                        delivery(event.status(), event.occurredAt()));
                written.add(itemId);
            }
        });
        if (written.isEmpty() || bulk.execute().getMatchedCount() == written.size()) {
            return;
        }
        Map<String, Date> afterwards = deliveryAt(written);
        for (String itemId : written) {
            NotificationStatusChanged event = newest.get(itemId);
            if (!Date.from(event.occurredAt()).equals(afterwards.get(itemId))) {
                recordDelivery(event.batchId(), event.guardianId(), event.status(), event.occurredAt());
            }
        }
    }

    /**
     * The latest delivery time of each of these items that exists (null when none was recorded yet), read in
     * chunks of {@value #DELIVERY_READ_CHUNK} ids.
     */
    Map<String, Date> deliveryAt(List<String> itemIds) {
        Map<String, Date> found = new HashMap<>(itemIds.size() * 2);
        for (int from = 0; from < itemIds.size(); from += DELIVERY_READ_CHUNK) {
            int to = Math.min(itemIds.size(), from + DELIVERY_READ_CHUNK);
            Query items = query(where("_id").in(itemIds.subList(from, to)));
            items.fields().include(DELIVERY_AT);
            for (Document item : mongo.find(items, Document.class, BatchItemDocument.COLLECTION)) {
                found.put(item.getString("_id"), item.getDate(DELIVERY_AT));
            }
        }
        return found;
    }

    /**
     * Records a delivery status unless a later one was recorded already: reads the item's latest status time and
     * writes only if it is still that time, reading again when another status got in between.
     */
    void recordDelivery(String batchId, String guardianId, MessageStatus status, Instant occurredAt) {
        String itemId = BatchItemDocument.idOf(batchId, guardianId);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Query item = query(where("_id").is(itemId));
            item.fields().include(DELIVERY_AT);
            Document stored = mongo.findOne(item, Document.class, BatchItemDocument.COLLECTION);
            Date current = stored == null ? null : stored.getDate(DELIVERY_AT);
            if (stored == null || current != null && current.toInstant().isAfter(occurredAt)) {
                return;
            }
            boolean written = mongo.updateFirst(query(where("_id").is(itemId).and(DELIVERY_AT).is(current)),
                    delivery(status, occurredAt), BatchItemDocument.class).getMatchedCount() > 0;
            if (written) {
                return;
            }
        }
        throw new OptimisticLockingFailureException("The delivery of " + itemId + " kept changing; retrying");
    }

    private static Update delivery(MessageStatus status, Instant occurredAt) {
        return new Update().set("delivery", status).set(DELIVERY_AT, occurredAt);
    }

    private <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += chunkSize) {
            chunks.add(all.subList(from, Math.min(all.size(), from + chunkSize)));
        }
        return chunks;
    }

    /** Counts of one batch's items. */
    static final class ItemCounts {
        private final Map<String, Long> byState = new HashMap<>();
        private final Map<String, Long> byDelivery = new HashMap<>();

        long inState(BatchItemState state) {
            return byState.getOrDefault(state.name(), 0L);
        }

        long delivered(MessageStatus status) {
            return byDelivery.getOrDefault(status.name(), 0L);
        }
    }
}
