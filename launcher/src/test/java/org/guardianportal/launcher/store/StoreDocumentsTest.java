package org.guardianportal.launcher.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.bson.BsonBinarySubType;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.bson.types.Code;
import org.bson.types.Decimal128;
import org.bson.types.MaxKey;
import org.bson.types.MinKey;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * Documents written by the stock H2 backend (Java serialisation) stay readable once the store's backend writes BSON,
 * value for value, whatever their BSON types; enough of them that the data map spans many pages, which then mix
 * documents in both encodings.
 */
class StoreDocumentsTest {

    private static final int DOCUMENTS = 600;

    @TempDir
    Path dataDir;

    @Test
    void documentsWrittenByTheStockBackendReadBackEqualAndRoundTripAfterChanges() {
        withServer(H2Backend::new, documents -> IntStream.range(0, DOCUMENTS).forEach(i -> documents.insertOne(document(i))));

        withServer(StoreBackend::new, documents -> {
            assertEveryDocumentIsFound(documents, DOCUMENTS, i -> false);
            for (int i = 0; i < DOCUMENTS; i += 3) {
                assertThat(documents.updateOne(new Document("_id", i).append("version", 0L),
                        Updates.combine(Updates.inc("version", 1L), Updates.set("status", "SENT"))).getModifiedCount())
                        .isEqualTo(1);
            }
            IntStream.range(DOCUMENTS, DOCUMENTS + 200).forEach(i -> documents.insertOne(document(i)));
            assertEveryDocumentIsFound(documents, DOCUMENTS + 200, StoreDocumentsTest::updated);
        });
        withServer(StoreBackend::new, documents -> {
            assertEveryDocumentIsFound(documents, DOCUMENTS + 200, StoreDocumentsTest::updated);
            assertThat(documents.countDocuments(Filters.eq("status", "SENT"))).isEqualTo(DOCUMENTS / 3);
            assertThat(documents.deleteMany(Filters.lt("_id", 100)).getDeletedCount()).isEqualTo(100);
        });
        withServer(StoreBackend::new, documents -> assertThat(documents.countDocuments()).isEqualTo(DOCUMENTS + 100));
    }

    /** The size collStats reports is counted when asked, so it follows inserts, updates and removals exactly. */
    @Test
    void collectionStatisticsGiveTheSizeOfTheDocumentsStoredNow() {
        try (StoreServer store = StoreServer.start(new StoreBackend(dataDir.resolve("mongo.mv").toString()))) {
            MongoDatabase database = store.database("notifications");
            MongoCollection<Document> documents = database.getCollection("documents");
            IntStream.range(0, 20).forEach(i -> documents.insertOne(document(i)));
            documents.updateOne(Filters.eq("_id", 3), Updates.set("payload", "y".repeat(5_000)));
            documents.deleteMany(Filters.gte("_id", 10));

            long expected = 0;
            for (Document stored : documents.find()) {
                expected += new RawBsonDocument(stored, new DocumentCodec()).getByteBuffer().remaining();
            }
            Document stats = database.runCommand(new Document("collStats", "documents"));
            assertThat(((Number) stats.get("size")).longValue()).isEqualTo(expected).isGreaterThan(5_000);
            assertThat(((Number) stats.get("count")).longValue()).isEqualTo(10);
        }
    }

    /** {@code $in} of strings is matched by a set lookup; the result is MongoDB's, lists and other types included. */
    @Test
    void aListOfValuesMatchesAsMongoDbMatchesIt() {
        try (StoreServer store = StoreServer.start(new StoreBackend(dataDir.resolve("mongo.mv").toString()))) {
            MongoCollection<Document> documents = store.database("notifications").getCollection("documents");
            documents.insertOne(new Document("_id", "m-1").append("status", "SENT").append("tags", List.of("a", "b")));
            documents.insertOne(new Document("_id", "m-2").append("status", "FAILED").append("tags", List.of("c")));
            documents.insertOne(new Document("_id", "m-3").append("status", 3).append("tags", "a"));
            documents.insertOne(new Document("_id", "m-4"));

            assertThat(ids(documents, Filters.in("_id", "m-1", "m-3", "m-9"))).containsExactly("m-1", "m-3");
            assertThat(ids(documents, Filters.in("status", "SENT", "FAILED"))).containsExactly("m-1", "m-2");
            assertThat(ids(documents, Filters.in("status", "SENT", 3))).containsExactly("m-1", "m-3");
            assertThat(ids(documents, Filters.in("tags", "a"))).containsExactly("m-1", "m-3");
            assertThat(ids(documents, Filters.and(Filters.in("_id", "m-1", "m-2"), Filters.eq("status", "FAILED"))))
                    .containsExactly("m-2");
            assertThat(ids(documents, Filters.in("status", List.of()))).isEmpty();
        }
    }

    /**
     * A query on the {@code _id} and other fields (every conditional write of the services) is answered from the
     * {@code _id} index and filtered by the rest of the query: the documents it finds, updates and removes are
     * MongoDB's, with no index on those very fields.
     */
    @Test
    void aQueryOnTheIdAndOtherFieldsMatchesAsMongoDbMatchesIt() {
        try (StoreServer store = StoreServer.start(new StoreBackend(dataDir.resolve("mongo.mv").toString()))) {
            MongoCollection<Document> documents = store.database("notifications").getCollection("documents");
            documents.insertOne(new Document("_id", "m-3").append("status", "SENT").append("version", 2));
            documents.insertOne(new Document("_id", "m-1").append("status", "SENT").append("version", 1));
            documents.insertOne(new Document("_id", "m-2").append("status", "FAILED").append("version", 1));
            documents.insertOne(new Document("_id", "m-4").append("status", List.of("SENT")).append("version", 1));

            assertThat(ids(documents, new Document("_id", new Document("$in", List.of("m-3", "m-2", "m-1", "m-9")))
                    .append("status", "SENT"))).containsExactly("m-1", "m-3");
            assertThat(ids(documents, new Document("_id", new Document("$in", List.of("m-3", "m-1", "m-4")))
                    .append("$and", List.of(new Document("status", "SENT"), new Document("version", 1)))))
                    .containsExactly("m-1", "m-4");
            assertThat(ids(documents, new Document("_id", "m-1").append("status", "FAILED"))).isEmpty();
            assertThat(ids(documents, new Document("_id", "m-9").append("status", "SENT"))).isEmpty();
            assertThat(ids(documents, new Document("_id", "m-2").append("$or",
                    List.of(new Document("status", "SENT"), new Document("version", 1))))).containsExactly("m-2");
            // other conditions on the _id are not read from the index: a scan, the same answer
            assertThat(ids(documents, new Document("_id", new Document("$gt", "m-1")).append("status", "SENT")))
                    .containsExactly("m-3", "m-4");

            assertThat(documents.updateOne(new Document("_id", "m-1").append("version", 1), Updates.set("version", 2))
                    .getModifiedCount()).isEqualTo(1);
            assertThat(documents.updateOne(new Document("_id", "m-1").append("version", 1), Updates.set("version", 3))
                    .getMatchedCount()).isZero();
            assertThat(documents.deleteOne(new Document("_id", "m-2").append("status", "SENT")).getDeletedCount())
                    .isZero();
            assertThat(documents.deleteOne(new Document("_id", "m-2").append("status", "FAILED")).getDeletedCount())
                    .isEqualTo(1);
            assertThat(documents.findOneAndUpdate(new Document("_id", "m-3").append("status",
                    new Document("$in", List.of("FAILED", "SENT"))), Updates.set("status", "PENDING"))).isNotNull();
            assertThat(ids(documents, new Document())).containsExactlyInAnyOrder("m-3", "m-1", "m-4");
            assertThat(documents.find(new Document("_id", "m-1")).first()).containsEntry("version", 2);
            assertThat(documents.find(new Document("_id", "m-3")).first()).containsEntry("status", "PENDING");
        }
    }

    /**
     * A range of string ids (the items of one batch, by their ids' prefix) finds what the stock backend finds, with
     * ids of other types, ids beyond the bounds, letters above U+D800 in ids and bounds, sorts, limits and other
     * conditions.
     */
    @Test
    void aRangeOfIdsMatchesAsMongoDbMatchesIt() {
        List<Object> ids = List.of("b1:g1", "b1:g2", "b1:", "b1", "b1;", "b10:g1", "b2:g1", "b1:\uFB01",
                "b1:\uD83D\uDE00", "a", "c", 7, 7.5, new ObjectId(0x01020304, 1), new Date(0), "\uFB01",
                "\uD83D\uDE00");
        List<Bson> filters = List.of(idsWithin("$gte", "b1:", "$lt", "b1;"), idsWithin("$gt", "b1:", "$lte", "b1:g2"),
                idsWithin("$gte", "b1"), idsWithin("$gt", "b2:g1"),
                idsWithin("$gte", "b1:", "$lt", "b1;").append("state", "SENT"),
                idsWithin("$gte", "b1:\uFB00", "$lt", "b1;"), idsWithin("$gte", "b", "$lt", "a"), idsWithin("$gte", ""),
                idsWithin("$lt", "b1;"), idsWithin("$gte", 7),
                Filters.and(Filters.gte("_id", "b1:"), Filters.lt("_id", "b1;")));
        Function<String, MongoBackend> stock = H2Backend::new;
        Function<String, MongoBackend> ours = StoreBackend::new;
        List<List<List<Object>>> answers = new ArrayList<>();
        for (Function<String, MongoBackend> backend : List.of(stock, ours)) {
            List<List<Object>> found = new ArrayList<>();
            Path file = dataDir.resolve(answers.size() + ".mv");
            try (StoreServer store = StoreServer.start(backend.apply(file.toString()))) {
                MongoCollection<Document> items = store.database("credentials").getCollection("batchItems");
                for (int i = 0; i < ids.size(); i++) {
                    items.insertOne(new Document("_id", ids.get(i)).append("state", i % 2 == 0 ? "SENT" : "FAILED"));
                }
                for (Bson filter : filters) {
                    found.add(items.find(filter).map(item -> item.get("_id")).into(new ArrayList<>()));
                    found.add(items.find(filter).sort(Sorts.descending("_id")).limit(2).map(item -> item.get("_id"))
                            .into(new ArrayList<>()));
                }
            }
            answers.add(found);
        }

        assertThat(answers.get(1)).isEqualTo(answers.get(0));
        assertThat(answers.get(1).get(0)).containsExactlyInAnyOrder("b1:g1", "b1:g2", "b1:", "b1:\uFB01",
                "b1:\uD83D\uDE00");
    }

    /**
     * A query by one id, a list of ids or a range of string ids, with other conditions, and a conditional update by
     * id, read only the documents they name: one they do not name that cannot be decoded at all is never met, while
     * a query the store answers by reading every document fails on it.
     */
    @Test
    void queriesByIdReadOnlyTheDocumentsTheyName() {
        MVStore mvStore = new MVStore.Builder().fileName(dataDir.resolve("mongo.mv").toString()).open();
        try (StoreServer store = StoreServer.start(new StoreBackend(mvStore))) {
            MongoCollection<Document> items = store.database("credentials").getCollection("batchItems");
            for (String id : List.of("b1:g1", "b1:g2", "b2:g1", "b2:g2")) {
                items.insertOne(new Document("_id", id).append("state", "SENT"));
            }
            MVMap<Object, Object> documents = mvStore.openMap("databases.credentials.batchItems");
            // a document whose only field has a BSON type that does not exist
            documents.put("b2:g2", new StoredDocument(new byte[] {8, 0, 0, 0, 0x55, 'x', 0, 0}));

            Document batchOne = new Document("_id", new Document("$gte", "b1:").append("$lt", "b1;"))
                    .append("state", "SENT");
            assertThat(items.find(batchOne).map(item -> item.getString("_id")).into(new ArrayList<>()))
                    .containsExactly("b1:g1", "b1:g2");
            assertThat(ids(items, new Document("_id", "b2:g1").append("state", "SENT"))).containsExactly("b2:g1");
            assertThat(ids(items, new Document("_id", new Document("$in", List.of("b1:g2", "b2:g1")))
                    .append("state", "SENT"))).containsExactly("b1:g2", "b2:g1");
            assertThat(items.updateOne(new Document("_id", "b2:g1").append("state", "SENT"),
                    Updates.set("state", "FAILED")).getModifiedCount()).isEqualTo(1);
            assertThatThrownBy(() -> items.find(Filters.eq("state", "SENT")).into(new ArrayList<>()));
        }
    }

    /**
     * A count, counts by a field and a page of a sorted read open whole only what they answer: a document outside
     * the page with a field that cannot be decoded (a sub-document of a BSON type that does not exist) is counted and
     * sorted, while a read of every document whole fails on it.
     */
    @Test
    void countsAndSortedPagesOpenWholeOnlyWhatTheyAnswer() {
        MVStore mvStore = new MVStore.Builder().fileName(dataDir.resolve("mongo.mv").toString()).open();
        try (StoreServer store = StoreServer.start(new StoreBackend(mvStore))) {
            MongoCollection<Document> guardians = store.database("guardians").getCollection("guardians");
            for (int i = 1; i <= 5; i++) {
                guardians.insertOne(new Document("_id", "g" + i).append("state", "SENT").append("rank", i));
            }
            Document broken = new Document("_id", "z9").append("state", "SENT").append("rank", 99)
                    .append("junk", new Document("x", 1));
            guardians.insertOne(broken);
            byte[] bson = new RawBsonDocument(broken, new DocumentCodec()).getByteBuffer().array();
            int inner = indexOf(bson, new byte[] {0x10, 'x', 0});
            bson[inner] = 0x55;
            mvStore.<Object, Object>openMap("databases.guardians.guardians").put("z9", new StoredDocument(bson));

            assertThat(guardians.countDocuments(Filters.eq("state", "SENT"))).isEqualTo(6);
            assertThat(guardians.aggregate(List.of(Aggregates.group("$state", Accumulators.sum("n", 1)))).first())
                    .isEqualTo(new Document("_id", "SENT").append("n", 6));
            assertThat(guardians.find(Filters.eq("state", "SENT")).sort(Sorts.ascending("rank")).limit(2)
                    .map(guardian -> guardian.getString("_id")).into(new ArrayList<>())).containsExactly("g1", "g2");
            assertThatThrownBy(() -> guardians.find(Filters.eq("state", "SENT")).into(new ArrayList<>()));
        }
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        for (int at = 0; at + part.length <= bytes.length; at++) {
            if (Arrays.equals(bytes, at, at + part.length, part, 0, part.length)) {
                return at;
            }
        }
        throw new IllegalArgumentException("not found");
    }

    /**
     * Unique indexes key a value as MongoDB does, whether the store reads the key directly (top-level fields holding
     * plain values) or leaves it to mongo-java-server (paths, arrays): numbers of any type by value, missing as null.
     */
    @Test
    void aUniqueIndexKeysValuesAsMongoDbDoes() {
        try (StoreServer store = StoreServer.start(new StoreBackend(dataDir.resolve("mongo.mv").toString()))) {
            MongoCollection<Document> documents = store.database("notifications").getCollection("documents");
            documents.createIndex(Indexes.ascending("number"), new IndexOptions().unique(true));
            documents.createIndex(Indexes.ascending("ref.id"), new IndexOptions().unique(true).sparse(true));
            documents.createIndex(Indexes.ascending("tags"), new IndexOptions().unique(true).sparse(true));
            documents.createIndex(Indexes.ascending("_id", "version"), new IndexOptions().unique(true));

            documents.insertOne(new Document("_id", "n-1").append("number", 1).append("version", 1L));
            assertDuplicate(documents, new Document("_id", "n-2").append("number", 1L));
            assertDuplicate(documents, new Document("_id", "n-3").append("number", 1.0));
            documents.insertOne(new Document("_id", "z-1").append("number", -0.0));
            assertDuplicate(documents, new Document("_id", "z-2").append("number", 0));
            documents.insertOne(new Document("_id", "l-1").append("number", (1L << 53) + 1));
            documents.insertOne(new Document("_id", "l-2").append("number", 1L << 53));
            documents.insertOne(new Document("_id", "x-1"));
            assertDuplicate(documents, new Document("_id", "x-2").append("number", null));

            documents.insertOne(new Document("_id", "r-1").append("number", 5).append("ref", new Document("id", "a")));
            assertDuplicate(documents, new Document("_id", "r-2").append("number", 6).append("ref", new Document("id", "a")));
            documents.insertOne(new Document("_id", "t-1").append("number", 7).append("tags", List.of("a", "b")));
            assertDuplicate(documents, new Document("_id", "t-2").append("number", 8).append("tags", List.of("b")));

            assertThat(documents.updateOne(new Document("_id", "n-1").append("version", 1L),
                    Updates.combine(Updates.set("number", 2), Updates.set("version", 2L))).getModifiedCount()).isEqualTo(1);
            assertThat(documents.updateOne(new Document("_id", "n-1").append("version", 1L), Updates.set("number", 3))
                    .getMatchedCount()).isZero();
            documents.insertOne(new Document("_id", "n-4").append("number", 1.0));
            assertDuplicate(documents, new Document("_id", "n-5").append("number", 2L));
            assertThat(ids(documents, Filters.eq("number", 2.0))).containsExactly("n-1");
        }
    }

    private static void assertDuplicate(MongoCollection<Document> documents, Document document) {
        assertThatThrownBy(() -> documents.insertOne(document)).isInstanceOfSatisfying(MongoWriteException.class,
                refused -> assertThat(refused.getError().getCode()).isEqualTo(11000));
        assertThat(documents.countDocuments(Filters.eq("_id", document.getString("_id")))).isZero();
    }

    /** {@code {_id: {operator: bound, ...}}}, from operators each followed by its bound. */
    private static Document idsWithin(Object... operatorsAndBounds) {
        Document condition = new Document();
        for (int i = 0; i < operatorsAndBounds.length; i += 2) {
            condition.append((String) operatorsAndBounds[i], operatorsAndBounds[i + 1]);
        }
        return new Document("_id", condition);
    }

    private static List<String> ids(MongoCollection<Document> documents, Bson filter) {
        return documents.find(filter).map(document -> document.getString("_id")).into(new ArrayList<>());
    }

    /** No client can send a value BSON cannot hold, but should one be stored, it is kept as the stock backend did. */
    @Test
    void aValueBsonCannotHoldIsStoredTheStockWay() {
        BsonDocumentType type = new BsonDocumentType();
        de.bwaldvogel.mongo.bson.Document document = new de.bwaldvogel.mongo.bson.Document("_id", 1)
                .append("ratio", 0.5f).append("nested", new de.bwaldvogel.mongo.bson.Document("small", (short) 3));
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, document);

        assertThat(type.read(buffer.getBuffer().flip())).isEqualTo(document);
    }

    private static boolean updated(int i) {
        return i < DOCUMENTS && i % 3 == 0;
    }

    private static void assertEveryDocumentIsFound(MongoCollection<Document> documents, int count,
            java.util.function.IntPredicate updated) {
        for (int i = 0; i < count; i++) {
            Document expected = document(i);
            if (updated.test(i)) {
                expected.append("version", 1L).append("status", "SENT");
            }
            assertThat(documents.find(Filters.eq("_id", i)).first()).as("document %d", i).isEqualTo(expected);
        }
        assertThat(documents.countDocuments()).isEqualTo(count);
    }

    /** Every BSON type the services store, and the others mongo-java-server knows, at several depths. */
    private static Document document(int i) {
        byte[] bytes = new byte[16];
        Arrays.fill(bytes, (byte) i);
        return new Document("_id", i).append("version", 0L).append("status", "QUEUED")
                .append("text", "message " + i + " é ✓").append("int", i - 300).append("long", Long.MAX_VALUE - i)
                .append("double", i / 7.0).append("decimal", new Decimal128(new BigDecimal(i + ".25")))
                .append("flag", i % 2 == 0).append("nothing", null).append("date", new Date(1_700_000_000_000L + i))
                .append("objectId", new ObjectId(0x01020304, i)).append("binary", new Binary(bytes))
                .append("uuid", new Binary(BsonBinarySubType.UUID_STANDARD, bytes))
                .append("timestamp", new BsonTimestamp(1_700_000_000, i)).append("min", new MinKey())
                .append("max", new MaxKey()).append("code", new Code("function() { return " + i + "; }"))
                .append("pattern", new org.bson.BsonRegularExpression("^guardian-" + i, "i"))
                .append("empty", new Document()).append("emptyList", List.of())
                .append("list", Arrays.asList(1, "two", 3.0, null, new Document("four", 4L), List.of(5, List.of(6))))
                .append("nested", new Document("recipient", new Document("email", "g" + i + "@example.org")
                        .append("sentAt", new Date(1_700_000_000_000L - i)).append("id", new ObjectId(0x05060708, i)))
                        .append("payload", "x".repeat(i % 50 * 20)));
    }

    private void withServer(Function<String, MongoBackend> backend, Consumer<MongoCollection<Document>> use) {
        try (StoreServer store = StoreServer.start(backend.apply(dataDir.resolve("mongo.mv").toString()))) {
            use.accept(store.database("notifications").getCollection("documents"));
        }
    }
}
