package org.guardianportal.launcher.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;


/**
 * Updates that add and remove fields, from several clients at once, while H2 commits every millisecond: every update
 * is kept and the store never fails. When updates changed the stored document instance in place, H2's background
 * writer, serialising the previous version of that document, failed within seconds with a
 * ConcurrentModificationException and the store stopped taking writes. Both update paths: by {@code _id}, which the
 * store applies itself, and by another field (uniquely indexed), which it leaves to mongo-java-server, whose update
 * changes in place the document it is given.
 */
class StoreConcurrentUpdateTest {

    private static final int DOCUMENTS = 8;
    private static final int CLIENTS = 4;
    private static final int ROUNDS = 500;
    /** Long to serialise, so the writer is often in the middle of a document when an update comes. */
    private static final List<Document> ENTRIES = IntStream.range(0, 200)
            .mapToObj(i -> new Document("id", "message-" + i).append("at", i)).toList();

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @ValueSource(strings = {"_id", "slot"})
    void everyUpdateIsKeptWhileTheBackgroundWriterSerialisesThePreviousVersions(String selectedBy) {
        List<Throwable> backgroundFailures = new CopyOnWriteArrayList<>();
        MVStore mvStore = new MVStore.Builder().fileName(dataDir.resolve("mongo.mv").toString())
                .backgroundExceptionHandler((thread, failure) -> backgroundFailures.add(failure)).open();
        mvStore.setAutoCommitDelay(1);
        try (StoreServer store = StoreServer.start(new StoreBackend(mvStore))) {
            MongoCollection<Document> messages = store.database("notifications").getCollection("messages");
            // found by this index, a document reaches mongo-java-server's update as the store hands it out
            messages.createIndex(Indexes.ascending("slot"), new IndexOptions().unique(true));
            messages.insertMany(IntStream.range(0, DOCUMENTS)
                    .mapToObj(i -> new Document("_id", i).append("slot", i).append("round", 0).append("entries", ENTRIES)
                            .append("sentAt", null)).toList());

            List<CompletableFuture<Void>> clients = IntStream.range(0, CLIENTS)
                    .mapToObj(c -> CompletableFuture.runAsync(() -> {
                        for (int round = 1; round <= ROUNDS; round++) {
                            for (int i = c; i < DOCUMENTS; i += CLIENTS) {
                                // odd rounds add a field, even rounds remove it: the document's field set changes
                                messages.updateOne(Filters.eq(selectedBy, i), round % 2 == 1
                                        ? Updates.combine(Updates.set("round", round), Updates.set("lastError", "e" + round))
                                        : Updates.combine(Updates.set("round", round), Updates.unset("lastError")));
                            }
                        }
                    })).toList();
            clients.forEach(CompletableFuture::join);

            assertThat(backgroundFailures).isEmpty();
            assertThat(mvStore.getPanicException()).isNull();
            assertThat(messages.countDocuments(Filters.eq("round", ROUNDS))).isEqualTo(DOCUMENTS);
            assertThat(messages.countDocuments(Filters.exists("lastError"))).isZero();
        }
    }
}
