package org.guardianportal.launcher.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;


/**
 * A scan of a collection whose chunks H2 rewrites and frees meanwhile, while another collection is written, sees every
 * document. Without each request holding its version (the stock H2 backend) this scan fails within seconds with
 * "Chunk N not found": the freed pages were still the scan's. The store here keeps no old versions and no retention
 * time, holds little in its cache and is compacted every twenty writes, so what took minutes of load at the defaults
 * happens at once.
 */
class StoreLongScanTest {

    private static final int DOCUMENTS = 20_000;
    private static final int SCANS = 25;

    @TempDir
    Path dataDir;

    @Test
    void scansSeeEveryDocumentWhileTheirChunksAreRewritten() {
        MVStore mvStore = new MVStore.Builder().fileName(dataDir.resolve("mongo.mv").toString()).cacheSize(1).open();
        mvStore.setVersionsToKeep(0);
        mvStore.setRetentionTime(0);
        mvStore.setAutoCommitDelay(5);
        try (StoreServer store = StoreServer.start(new StoreBackend(mvStore))) {
            MongoDatabase database = store.database("notifications");
            MongoCollection<Document> messages = database.getCollection("messages");
            messages.insertMany(IntStream.range(0, DOCUMENTS)
                    .mapToObj(i -> new Document("_id", "m-" + i).append("attempts", 0).append("body", "x".repeat(1000)))
                    .toList());
            // Every other document rewritten, so each chunk is half dead and worth rewriting.
            for (int i = 0; i < DOCUMENTS; i += 2) {
                messages.updateOne(Filters.eq("_id", "m-" + i), Updates.set("body", "y".repeat(1000)));
            }

            MongoCollection<Document> other = database.getCollection("other");
            AtomicBoolean scanning = new AtomicBoolean(true);
            CompletableFuture<Void> writes = CompletableFuture.runAsync(() -> {
                for (int i = 0; scanning.get(); i++) {
                    other.insertOne(new Document("_id", i).append("body", "z".repeat(1000)));
                    if (i % 20 == 0) {
                        // what H2's background writer does on its own, sooner or later
                        mvStore.compact(95, 1024 * 1024);
                    }
                }
            });
            try {
                List<Long> counts = IntStream.range(0, SCANS)
                        .mapToObj(scan -> messages.countDocuments(Filters.gte("attempts", 0))).toList();
                assertThat(counts).containsOnly((long) DOCUMENTS);
            } finally {
                scanning.set(false);
                writes.join();
            }
            assertThat(other.countDocuments()).isPositive();
        }
    }
}
