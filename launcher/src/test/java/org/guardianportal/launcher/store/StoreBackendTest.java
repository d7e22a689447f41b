package org.guardianportal.launcher.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * The store's backend opens a data folder written by the stock H2 backend with every document found through its
 * indexes (their keys converted to the encoded form), as it does one it wrote itself. Enough documents are written for
 * the B-trees to span many pages, so keys ordered inconsistently would lose lookups.
 */
class StoreBackendTest {

    private static final int MESSAGES = 1500;

    @TempDir
    Path dataDir;

    @Test
    void storeWrittenByTheStockBackendIsFullyReadable() {
        withServer(H2Backend::new, StoreBackendTest::writeMessages);

        withServer(StoreBackend::new, messages -> {
            assertEveryMessageIsFound(messages);
            writeMoreAndFindEverything(messages);
        });
        withServer(StoreBackend::new, StoreBackendTest::assertEverythingWrittenIsFound);
    }

    @Test
    void storeWrittenByThisBackendIsFullyReadableAfterARestart() {
        withServer(StoreBackend::new, StoreBackendTest::writeMessages);

        withServer(StoreBackend::new, messages -> {
            assertEveryMessageIsFound(messages);
            assertDuplicate(() -> messages.insertOne(message(MESSAGES + 1).append("eventId", "event-7")));
            writeMoreAndFindEverything(messages);
        });
        withServer(StoreBackend::new, StoreBackendTest::assertEverythingWrittenIsFound);
    }

    @Test
    void duplicateKeysAreRefusedOnAReopenedStore() {
        withServer(H2Backend::new, StoreBackendTest::writeMessages);

        withServer(StoreBackend::new, messages -> {
            assertDuplicate(() -> messages.insertOne(new Document("_id", id(7)).append("eventId", "other")));
            assertDuplicate(() -> messages.insertOne(message(MESSAGES + 1).append("eventId", "event-7")));
            assertDuplicate(() -> messages.insertOne(message(MESSAGES + 2).append("guardianId", "guardian-7")
                    .append("sequence", 7L)));
            assertDuplicate(() -> messages.updateOne(Filters.eq("_id", id(8)), Updates.set("eventId", "event-9")));
            assertThat(messages.countDocuments()).isEqualTo(MESSAGES + 2);
            assertThat(messages.find(Filters.eq("_id", id(8))).first().getString("eventId")).isEqualTo("event-8");
        });
    }

    /**
     * A start stopped while it converted an index leaves the stock backend's index and a part of the converted one,
     * possibly with a key it had not finished writing: the next start converts it again from the start.
     */
    @Test
    void anIndexConversionStoppedHalfWayIsDoneAgainFromTheStart() {
        withServer(H2Backend::new, StoreBackendTest::writeMessages);
        String index = "notifications.messages._keys_eventId_1";
        MVStore store = new MVStore.Builder().fileName(dataDir.resolve("mongo.mv").toString()).open();
        try {
            MVMap<StoredKey, Object> partial = store.openMap(index + "._converting",
                    new MVMap.Builder<StoredKey, Object>().keyType(new StoredKeyType()));
            partial.put(StoredKey.of(new KeyValue("event-0")), id(0));
            partial.put(StoredKey.of(new KeyValue("event-half-written")), id(1));
            assertThat(store.hasMap("notifications.messages._index_eventId_1")).isTrue();
        } finally {
            store.close();
        }

        withServer(StoreBackend::new, messages -> {
            assertEveryMessageIsFound(messages);
            messages.insertOne(message(MESSAGES + 1).append("eventId", "event-half-written"));
            assertDuplicate(() -> messages.insertOne(message(MESSAGES + 2).append("eventId", "event-3")));
        });
        store = new MVStore.Builder().fileName(dataDir.resolve("mongo.mv").toString()).readOnly().open();
        try {
            assertThat(store.getMapNames()).contains(index)
                    .doesNotContain(index + "._converting", "notifications.messages._index_eventId_1");
        } finally {
            store.close();
        }
    }

    private static void writeMessages(MongoCollection<Document> messages) {
        messages.createIndex(Indexes.ascending("eventId"), new IndexOptions().unique(true));
        messages.createIndex(Indexes.ascending("guardianId", "sequence"), new IndexOptions().unique(true));
        messages.createIndex(Indexes.ascending("_id", "version"), new IndexOptions().unique(true));
        // Inserted in an order unlike the key order, so pages split everywhere.
        IntStream.range(0, MESSAGES).map(i -> (i * 7919) % MESSAGES).forEach(i -> messages.insertOne(message(i)));
        messages.insertOne(new Document("_id", 42).append("eventId", new ObjectId(0x01020304, 5))
                .append("guardianId", "guardian-42").append("sequence", -1L).append("version", 0L));
        messages.insertOne(new Document("_id", new Document("guardian", "g1").append("day", 3)).append("eventId", 3.5)
                .append("guardianId", "guardian-1").append("sequence", -1L).append("version", 0L));
    }

    private static void assertEveryMessageIsFound(MongoCollection<Document> messages) {
        for (int i = 0; i < MESSAGES; i++) {
            assertThat(messages.find(Filters.eq("_id", id(i))).first()).as("by _id %d", i).isEqualTo(message(i));
            assertThat(messages.find(Filters.eq("eventId", "event-" + i)).first().getString("_id")).isEqualTo(id(i));
            assertThat(messages.find(new Document("guardianId", "guardian-" + i).append("sequence", (long) i)).first()
                    .getString("_id")).isEqualTo(id(i));
        }
        List<String> wanted = List.of(id(3), id(1499), id(700), "missing");
        assertThat(messages.find(Filters.in("_id", wanted)).map(m -> m.getString("_id")))
                .containsExactlyInAnyOrder(id(3), id(1499), id(700));
        assertThat(messages.find(Filters.eq("_id", 42)).first().get("eventId")).isEqualTo(new ObjectId(0x01020304, 5));
        assertThat(messages.find(Filters.eq("_id", new Document("guardian", "g1").append("day", 3))).first()).isNotNull();
    }

    /** Changes keys of every index in place, so the reopened B-trees mix keys written by both backends. */
    private static void writeMoreAndFindEverything(MongoCollection<Document> messages) {
        for (int i = 0; i < MESSAGES; i += 3) {
            assertThat(messages.updateOne(new Document("_id", id(i)).append("version", 0L),
                    Updates.combine(Updates.inc("version", 1L), Updates.set("eventId", "event-" + i + "-sent")))
                    .getModifiedCount()).isEqualTo(1);
        }
        for (int i = MESSAGES; i < MESSAGES + 300; i++) {
            messages.insertOne(message(i));
        }
        assertEverythingWrittenIsFound(messages);
    }

    private static void assertEverythingWrittenIsFound(MongoCollection<Document> messages) {
        for (int i = 0; i < MESSAGES + 300; i++) {
            boolean updated = i < MESSAGES && i % 3 == 0;
            long version = updated ? 1L : 0L;
            String eventId = updated ? "event-" + i + "-sent" : "event-" + i;
            assertThat(messages.find(new Document("_id", id(i)).append("version", version)).first()).as("%d", i).isNotNull();
            assertThat(messages.find(Filters.eq("eventId", eventId)).first().getString("_id")).isEqualTo(id(i));
        }
        assertThat(messages.find(Filters.eq("eventId", "event-0")).first()).isNull();
        assertThat(messages.countDocuments()).isEqualTo(MESSAGES + 300 + 2);
    }

    private static Document message(int i) {
        return new Document("_id", id(i)).append("eventId", "event-" + i).append("guardianId", "guardian-" + i)
                .append("sequence", (long) i).append("version", 0L);
    }

    private static String id(int i) {
        return "message-" + i;
    }

    private static void assertDuplicate(Runnable write) {
        assertThatThrownBy(write::run).isInstanceOfSatisfying(MongoWriteException.class,
                e -> assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY));
    }

    private void withServer(Function<String, MongoBackend> backend, Consumer<MongoCollection<Document>> use) {
        try (StoreServer store = StoreServer.start(backend.apply(dataDir.resolve("mongo.mv").toString()))) {
            use.accept(store.database("notifications").getCollection("messages"));
        }
    }
}
