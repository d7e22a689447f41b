package org.guardianportal.launcher.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Function;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;

import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * The store applies the updates it applies itself ({@link TopLevelUpdate}) exactly as mongo-java-server applies
 * them: the same updates, sent to the store and to the stock H2 backend, give the same answers (matched, modified,
 * upserted, or the same error), leave the same documents, their fields in the same order, and the indexes find the
 * same documents afterwards. Reads that decode only the fields they need ({@link FieldNames}) find what the stock
 * backend finds.
 */
class StoreUpdatesTest {

    private static final Date THEN = new Date(1_700_000_000_000L);

    @TempDir
    Path dataDir;

    @Test
    void updatesGiveTheSameAnswersAndLeaveTheSameDocumentsAsMongoJavaServer() {
        List<Function<MongoCollection<Document>, Object>> updates = new ArrayList<>();
        // the conditional status writes of delivery
        updates.add(one(new Document("_id", "m1").append("version", 0),
                Updates.combine(Updates.set("status", "SENDING"), Updates.inc("version", 1), Updates.set("at", THEN),
                        Updates.set("token", "t1"))));
        updates.add(one(new Document("_id", "m1").append("version", 0), Updates.set("status", "SENT")));
        updates.add(one(new Document("_id", "m1").append("version", 1),
                Updates.combine(Updates.set("status", "SENT"), Updates.unset("token"), Updates.inc("attempts", 1))));
        // no change at all, a field unset that is not there, null where nothing was
        updates.add(one(Filters.eq("_id", "m2"), Updates.set("status", "PENDING")));
        updates.add(one(Filters.eq("_id", "m2"), Updates.unset("nothing")));
        updates.add(one(Filters.eq("_id", "m2"), Updates.set("lastError", null)));
        // numbers of every type, incremented, and the same number in another type
        updates.add(one(Filters.eq("_id", "m2"),
                Updates.combine(Updates.inc("version", 2L), Updates.inc("score", 0.5))));
        updates.add(one(Filters.eq("_id", "m3"), Updates.inc("version", Integer.MAX_VALUE)));
        updates.add(one(Filters.eq("_id", "m3"), Updates.set("score", 1L)));
        updates.add(one(Filters.eq("_id", "m3"), Updates.set("score", 1.0)));
        // lists and an embedded document, set whole
        updates.add(one(Filters.eq("_id", "m3"), Updates.set("words", List.of("mot", "passe"))));
        updates.add(one(Filters.eq("_id", "m3"),
                Updates.set("reveal", new Document("by", "admin").append("at", THEN))));
        // unique index: a duplicate is refused and changes nothing; the old key is free once changed
        updates.add(one(Filters.eq("_id", "m2"), Updates.combine(Updates.set("token", "t2"),
                Updates.set("email", "one@example.org"))));
        updates.add(one(Filters.eq("_id", "m3"), Updates.set("token", "t2")));
        updates.add(one(Filters.eq("_id", "m1"), Updates.set("email", "moved@example.org")));
        updates.add(one(Filters.eq("_id", "m2"), Updates.combine(Updates.set("email", "one@example.org"),
                Updates.set("status", "SENT"))));
        // errors mongo-java-server gives: a non-number incremented, a field named twice, _id changed
        updates.add(one(Filters.eq("_id", "m2"), Updates.inc("status", 1)));
        updates.add(one(Filters.eq("_id", "m2"), Updates.combine(Updates.set("status", "A"), Updates.unset("status"))));
        updates.add(one(Filters.eq("_id", "m2"), Updates.set("_id", "m9")));
        // appended: to a list, to a field not there yet (an outbox), to what is no list (refused)
        updates.add(one(Filters.eq("_id", "m3"), Updates.push("words", "nouveau")));
        updates.add(one(Filters.eq("_id", "m1"), Updates.combine(Updates.set("email", "first@example.org"),
                Updates.push("outbox", new Document("eventId", "e1").append("at", THEN)))));
        updates.add(one(Filters.eq("_id", "m1"), Updates.push("outbox", new Document("eventId", "e2"))));
        updates.add(one(Filters.eq("_id", "m1"), Updates.push("status", "x")));
        updates.add(one(Filters.eq("_id", "m2"), Updates.push("lastError", "x")));
        // removed: the outbox's published events by id (some, none, the last), a value from a list, from a field not
        // there, from what is no list (refused), by a condition mongo-java-server refuses
        updates.add(one(Filters.eq("_id", "m1"), outboxPull("e1", "e0")));
        updates.add(one(Filters.eq("_id", "m1"), outboxPull("e9")));
        updates.add(one(Filters.eq("_id", "m1"), Updates.combine(outboxPull("e2"), Updates.inc("version", 1))));
        updates.add(one(Filters.eq("_id", "m3"), Updates.pull("words", "passe")));
        updates.add(one(Filters.eq("_id", "m2"), outboxPull("e1")));
        updates.add(one(Filters.eq("_id", "m2"), Updates.pull("status", "PENDING")));
        updates.add(one(Filters.eq("_id", "m3"), Updates.pull("words", new Document("$bogus", 1))));
        // what the store leaves to mongo-java-server: paths, operators in values, queries on other fields, many,
        // upserts
        updates.add(one(Filters.eq("_id", "m3"), Updates.set("reveal.by", "operator")));
        updates.add(one(Filters.eq("_id", "m3"), Updates.pushEach("words", List.of("un", "deux"))));
        updates.add(one(Filters.eq("_id", "m3"), Updates.set("bad", new Document("$x", 1))));
        updates.add(one(Filters.eq("status", "SENT"), Updates.set("seen", true)));
        updates.add(collection -> result(collection.updateMany(Filters.in("_id", List.of("m1", "m2")),
                Updates.inc("version", 1))));
        updates.add(upsert(Filters.eq("_id", "m4"), Updates.combine(Updates.set("dueAt", THEN),
                Updates.setOnInsert("created", THEN))));
        updates.add(upsert(Filters.eq("_id", "m4"), Updates.combine(Updates.set("dueAt", new Date(0)),
                Updates.setOnInsert("created", new Date(0)))));
        updates.add(one(Filters.eq("_id", "missing"), Updates.set("status", "SENT")));
        // the bulk writes of delivery, one with a write that matches nothing
        updates.add(collection -> bulkResult(collection.bulkWrite(List.of(
                new UpdateOneModel<Document>(new Document("_id", "m1").append("version", 3),
                        Updates.set("status", "PENDING")),
                new UpdateOneModel<Document>(new Document("_id", "m2").append("version", 99),
                        Updates.set("status", "PENDING")),
                new UpdateOneModel<Document>(new Document("_id", "m3").append("version", Integer.MAX_VALUE),
                        Updates.combine(Updates.set("status", "PENDING"), Updates.inc("version", 1)))))));

        List<Object> store = run(new StoreBackend(dataDir.resolve("store.mv").toString()), updates);
        List<Object> stock = run(new H2Backend(dataDir.resolve("stock.mv").toString()), updates);

        assertThat(store).isEqualTo(stock);
        assertThat(store).as("every kind of answer is met").anyMatch(answer -> answer.toString().contains("E11000"))
                .anyMatch(answer -> answer.toString().startsWith("error"))
                .anyMatch(answer -> answer.toString().contains("upserted BsonString{value='m4'}"))
                .anyMatch(answer -> answer.toString().equals("matched 1, modified 0, upserted null"))
                .anyMatch(answer -> answer.toString().equals("matched 0, modified 0, upserted null"));
    }

    @Test
    void projectedReadsGiveWhatMongoJavaServerGives() {
        List<Function<MongoCollection<Document>, Object>> reads = new ArrayList<>();
        // delivery's reads: states by ids, what sending needs of a claim
        reads.add(projected(Filters.in("_id", List.of("m1", "m2", "m9")), "status", "version", "at"));
        reads.add(projected(Filters.and(Filters.in("_id", List.of("m1", "m2", "m3")), Filters.eq("token", "t1")),
                "status", "body", "secret", "token"));
        // on fields the projection leaves out: a filter, a sort, an $or, a path, a missing field, an embedded field
        reads.add(collection -> json(collection.find(Filters.gt("version", 0)).sort(Sorts.descending("at"))
                .projection(new Document("status", 1))));
        reads.add(projected(Filters.or(Filters.eq("status", "FAILED"), Filters.size("words", 2)), "status"));
        reads.add(projected(Filters.eq("secret.keyId", "k1"), "body"));
        reads.add(projected(Filters.exists("token", false), "status", "nothing"));
        reads.add(projected(Filters.eq("_id", "m1"), "secret.iv", "words"));
        reads.add(collection -> json(collection.find().projection(new Document("_id", 0).append("status", 1))));
        // what reads whole documents: no projection, an exclusion, an operator in the projection or the filter
        reads.add(collection -> json(collection.find(Filters.eq("status", "SENT"))));
        reads.add(collection -> json(collection.find().projection(new Document("words", 0))));
        reads.add(collection -> json(collection.find().projection(
                new Document("words", new Document("$slice", 1)).append("status", 1))));
        reads.add(collection -> json(collection.find(Filters.where("this.version > 0"))
                .projection(new Document("status", 1))));
        reads.add(collection -> collection.countDocuments(Filters.eq("status", "SENT")));

        List<Object> store = read(new StoreBackend(dataDir.resolve("store.mv").toString()), reads);
        List<Object> stock = read(new H2Backend(dataDir.resolve("stock.mv").toString()), reads);

        assertThat(store).isEqualTo(stock);
        assertThat(store.get(0).toString()).as("a read finds what it projects")
                .contains("\"status\": \"SENDING\"").doesNotContain("words");
    }

    /**
     * Pages of sorted reads (the store keeps only the first documents in order, opened with the fields the filter
     * and the sort read) are the stock backend's: equal sort keys in the order met, missing and mixed-type keys,
     * arrays and paths as sort keys, skips past the end, filters on other fields, projections, and reads by ids.
     */
    @Test
    void sortedPagesGiveWhatMongoJavaServerGives() {
        Bson byName = Sorts.ascending("last", "first", "_id");
        List<Function<MongoCollection<Document>, Object>> reads = new ArrayList<>();
        for (int skip : List.of(0, 1, 49, 250, 400)) {
            reads.add(collection -> json(collection.find().sort(byName).skip(skip).limit(50)));
        }
        reads.add(collection -> json(collection.find(Filters.regex("tokens", "^ma")).sort(byName).limit(20)));
        reads.add(collection -> json(collection.find(Filters.ne("email", null)).sort(byName).skip(10).limit(10)
                .projection(Projections.include("last", "email"))));
        reads.add(collection -> json(collection.find().sort(Sorts.ascending("last")).limit(30)));
        reads.add(collection -> json(collection.find().sort(Sorts.descending("rank", "last")).limit(25)));
        reads.add(collection -> json(collection.find().sort(Sorts.ascending("tokens")).limit(15)));
        reads.add(collection -> json(collection.find().sort(Sorts.descending("home.city")).skip(5).limit(15)));
        reads.add(collection -> json(collection.find(Filters.in("_id", List.of("g007", "g100", "g042", "g299")))
                .sort(Sorts.descending("first")).limit(2)));
        reads.add(collection -> json(collection.find(Filters.and(Filters.gte("_id", "g1"), Filters.lt("_id", "g2")))
                .sort(byName).limit(5)));
        Document idsFromG1 = new Document("_id", new Document("$gte", "g1").append("$lt", "g2"));
        reads.add(collection -> json(collection.find(idsFromG1).sort(Sorts.descending("last")).skip(3).limit(5)));
        reads.add(collection -> json(collection.find().sort(byName).limit(1000)));

        List<Object> store = sortedReads(new StoreBackend(dataDir.resolve("store.mv").toString()), reads);
        List<Object> stock = sortedReads(new H2Backend(dataDir.resolve("stock.mv").toString()), reads);

        assertThat(store).isEqualTo(stock);
        assertThat(store.get(0).toString()).contains("\"last\": \"Bernard\"");
    }

    /**
     * Counts as drivers ask for them, and counts by one field (aggregations the store answers opening only the fields
     * their {@code $match} and group read), are the stock backend's, with skips, limits, paths and arrays as keys;
     * other aggregations are answered as before.
     */
    @Test
    void countsGiveWhatMongoJavaServerGives() {
        List<Function<MongoCollection<Document>, Object>> reads = new ArrayList<>();
        for (Bson filter : List.of(new Document(), Filters.ne("email", null), Filters.regex("tokens", "^ma"),
                Filters.or(Filters.eq("last", "Martin"), Filters.exists("rank", false)),
                Filters.eq("home.city", "Lyon"),
                Filters.and(Filters.gte("_id", "g1"), Filters.lt("_id", "g2")), Filters.where("this.last == 'Dubois'"),
                Filters.eq("nothing", null), Filters.in("rank", List.of(2, "r3")))) {
            reads.add(collection -> collection.countDocuments(filter));
            reads.add(collection -> collection.countDocuments(filter, new CountOptions().skip(10).limit(25)));
        }
        // counts by one field, with or without a filter first (the message log's statistics)
        reads.add(collection -> sorted(collection.aggregate(List.of(Aggregates.group("$last",
                Accumulators.sum("n", 1))))));
        reads.add(collection -> sorted(collection.aggregate(List.of(Aggregates.match(Filters.ne("email", null)),
                Aggregates.group("$rank", Accumulators.sum("n", 1), Accumulators.sum("again", 1))))));
        reads.add(collection -> sorted(collection.aggregate(List.of(Aggregates.group("$home.city",
                Accumulators.sum("n", 1))))));
        reads.add(collection -> sorted(collection.aggregate(List.of(Aggregates.group("$tokens",
                Accumulators.sum("n", 1))))));
        // and what is not a count: sums of a field, a sort after the group, the whole document as a key
        reads.add(collection -> json(collection.aggregate(List.of(Aggregates.match(Filters.ne("email", null)),
                Aggregates.group("$last", Accumulators.sum("n", 1)), Aggregates.sort(Sorts.ascending("_id"))))));
        reads.add(collection -> json(collection.aggregate(List.of(Aggregates.match(Filters.ne("email", null)),
                Aggregates.group(1, Accumulators.sum("n", "$rank"))))));
        reads.add(collection -> sorted(collection.aggregate(List.of(Aggregates.group("$$ROOT",
                Accumulators.sum("n", 1))))));

        List<Object> store = sortedReads(new StoreBackend(dataDir.resolve("store.mv").toString()), reads);
        List<Object> stock = sortedReads(new H2Backend(dataDir.resolve("stock.mv").toString()), reads);

        assertThat(store).isEqualTo(stock);
        assertThat(store.get(0)).isEqualTo(300L);
        assertThat(store.get(2)).isEqualTo(200L);
    }

    private static List<Object> sortedReads(de.bwaldvogel.mongo.MongoBackend backend,
            List<Function<MongoCollection<Document>, Object>> reads) {
        List<String> lastNames = List.of("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Martin ", "martin");
        try (StoreServer server = StoreServer.start(backend)) {
            MongoCollection<Document> guardians = server.database("guardians").getCollection("guardians");
            for (int i = 0; i < 300; i++) {
                String last = lastNames.get(i % lastNames.size());
                Document guardian = new Document("_id", String.format("g%03d", (i * 37) % 300)).append("last", last)
                        .append("first", i % 5 == 0 ? null : "Prénom " + (i % 11))
                        .append("tokens", List.of(last.trim().toLowerCase(), "p" + (i % 11)))
                        .append("email", i % 3 == 0 ? null : "g" + i + "@example.org")
                        .append("home", new Document("city", i % 4 == 0 ? "Lyon" : "Nantes"));
                if (i % 7 != 0) {
                    guardian.append("rank", i % 2 == 0 ? (Object) (i % 9) : (Object) ("r" + (i % 9)));
                }
                guardians.insertOne(guardian);
            }
            return answers(guardians, reads);
        }
    }

    private static List<Object> read(de.bwaldvogel.mongo.MongoBackend backend,
            List<Function<MongoCollection<Document>, Object>> reads) {
        try (StoreServer server = StoreServer.start(backend)) {
            MongoCollection<Document> messages = server.database("notifications").getCollection("messages");
            messages.insertOne(new Document("_id", "m1").append("version", 1).append("status", "SENDING")
                    .append("token", "t1").append("at", THEN).append("body", "Bonjour Inès")
                    .append("secret", new Document("keyId", "k1").append("iv", "aXY=").append("ciphertext", "Y3Q="))
                    .append("words", List.of("ines", "martin")).append("attempts", 0L).append("score", 0.5));
            messages.insertOne(new Document("_id", "m2").append("version", 0).append("status", "PENDING")
                    .append("words", List.of("paul")).append("lastError", null).append("at", new Date(0)));
            messages.insertOne(new Document("_id", "m3").append("version", 2).append("status", "FAILED")
                    .append("token", "t3").append("body", "Hello").append("secret", new Document("keyId", "k2")));
            return answers(messages, reads);
        }
    }

    /** Groups in no particular order, as JSON, sorted. */
    private static List<String> sorted(com.mongodb.client.MongoIterable<Document> groups) {
        return json(groups).stream().sorted().toList();
    }

    /** What each read gives, or the code of the error it meets. */
    private static List<Object> answers(MongoCollection<Document> collection,
            List<Function<MongoCollection<Document>, Object>> reads) {
        List<Object> answers = new ArrayList<>();
        for (Function<MongoCollection<Document>, Object> read : reads) {
            try {
                answers.add(read.apply(collection));
            } catch (MongoException e) {
                answers.add("error " + e.getCode());
            }
        }
        return answers;
    }

    private static Function<MongoCollection<Document>, Object> projected(Bson filter, String... fields) {
        return collection -> json(collection.find(filter).sort(Sorts.ascending("_id"))
                .projection(Projections.include(fields)));
    }

    private static List<String> json(com.mongodb.client.MongoIterable<Document> found) {
        return found.map(Document::toJson).into(new ArrayList<>());
    }

    /** Each update's answer, then every document, then what each index finds. */
    private static List<Object> run(de.bwaldvogel.mongo.MongoBackend backend,
            List<Function<MongoCollection<Document>, Object>> updates) {
        try (StoreServer server = StoreServer.start(backend)) {
            MongoCollection<Document> messages = server.database("notifications").getCollection("messages");
            // token first: a duplicate email must be refused before the token index changes
            messages.createIndex(Indexes.ascending("token"), new IndexOptions().unique(true).sparse(true));
            messages.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true).sparse(true));
            // compound: an update of the status changes keys holding the email too
            messages.createIndex(Indexes.ascending("email", "status"), new IndexOptions().unique(true).sparse(true));
            messages.insertOne(new Document("_id", "m1").append("version", 0).append("status", "PENDING")
                    .append("email", "one@example.org"));
            messages.insertOne(new Document("_id", "m2").append("version", 0).append("status", "PENDING"));
            messages.insertOne(new Document("_id", "m3").append("version", 1).append("status", "FAILED")
                    .append("score", 1));
            List<Object> answers = new ArrayList<>();
            for (Function<MongoCollection<Document>, Object> update : updates) {
                try {
                    answers.add(update.apply(messages));
                } catch (MongoException e) {
                    answers.add("error " + e.getCode() + ": "
                            + e.getMessage().replaceAll("server [0-9.]+:[0-9]+", "server"));
                }
                // as JSON: the fields' order too
                answers.add(messages.find().sort(Sorts.ascending("_id")).map(Document::toJson).into(new ArrayList<>()));
            }
            for (String status : List.of("PENDING", "SENDING", "SENT", "FAILED")) {
                answers.add(status + ": " + ids(messages, Filters.eq("status", status)));
            }
            for (String email : List.of("one@example.org", "moved@example.org")) {
                answers.add(email + ": " + ids(messages, Filters.eq("email", email)));
                for (String status : List.of("PENDING", "SENDING", "SENT", "FAILED")) {
                    answers.add(status + ", " + email + ": "
                            + ids(messages, Filters.and(Filters.eq("status", status), Filters.eq("email", email))));
                }
            }
            for (String token : List.of("t1", "t2")) {
                answers.add(token + ": " + ids(messages, Filters.eq("token", token)));
            }
            return answers;
        }
    }

    private static List<String> ids(MongoCollection<Document> messages, Bson filter) {
        return messages.find(filter).map(message -> message.getString("_id")).into(new ArrayList<>());
    }

    /** The outbox relay's clean-up: the events of these ids, removed from the outbox. */
    private static Bson outboxPull(String... eventIds) {
        return new Document("$pull", new Document("outbox",
                new Document("eventId", new Document("$in", List.of(eventIds)))));
    }

    private static Function<MongoCollection<Document>, Object> one(Bson filter, Bson update) {
        return collection -> result(collection.updateOne(filter, update));
    }

    private static Function<MongoCollection<Document>, Object> upsert(Bson filter, Bson update) {
        return collection -> result(collection.updateOne(filter, update, new UpdateOptions().upsert(true)));
    }

    private static String result(UpdateResult result) {
        return "matched " + result.getMatchedCount() + ", modified " + result.getModifiedCount() + ", upserted "
                + result.getUpsertedId();
    }

    private static String bulkResult(com.mongodb.bulk.BulkWriteResult result) {
        return "bulk matched " + result.getMatchedCount() + ", modified " + result.getModifiedCount();
    }
}
