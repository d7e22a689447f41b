package org.guardianportal.benchmark;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.regex;
import static com.mongodb.client.model.Projections.include;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.push;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.unset;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;

/**
 * What the store alone takes for the reads and conditional writes that a scenario cannot do without, by any design
 * that decides on what is stored and never overwrites a concurrent change: no HTTP, no Kafka, no service code. Its
 * limit over this time is the most the scenario's ratio can reach on this store. Each works on copies of the
 * product's own documents (copied, untimed, to {@value Limits#DATABASE} and dropped after), so the sizes and shapes
 * are the real ones, and checks that every write applied and left what it should. Conditions are written flat,
 * {@code {_id, version}}, as the product sends them ({@code Filters.and} would send {@code $and}, which this store
 * answers by reading every document).
 */
final class StoreFloors {

    static final String GUARDIANS = "floor-guardians";
    static final String PROJECTION = "floor-eligibility";
    static final String MESSAGES = "floor-messages";
    /** The product's chunks: rows of an import, ids of a claim or a replay. */
    private static final int CHUNK = 1_000;
    /** guardian-service reads 250 references per {@code $in}. */
    private static final int READ_CHUNK = 250;
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private StoreFloors() {
    }

    /**
     * B2, for {@code n} guardians with an external reference: guardian-service's read by reference and its update
     * conditional on the version read (the new address, with its event in the outbox, in the same write), then
     * credential-service's read of each projection entry and its update conditional on the entry read. Not counted:
     * the CSV, the HTTP request, the events on Kafka and the outbox's clean-up. The two services write to different
     * collections, which the store may serve at the same time: guardian-service's part is timed on its own too.
     */
    static ImportFloor importWrites(MongoClient mongo, int n) {
        MongoDatabase limits = mongo.getDatabase(Limits.DATABASE);
        MongoCollection<Document> guardians = copy(mongo.getDatabase("guardians").getCollection("guardians"),
                limits.getCollection(GUARDIANS), new Document(), n);
        guardians.createIndex(new Document("externalKey", 1), new IndexOptions().unique(true).sparse(true));
        List<String> keys = new ArrayList<>(n);
        List<String> ids = new ArrayList<>(n);
        guardians.find().projection(include("externalKey")).forEach(g -> {
            keys.add(g.getString("externalKey"));
            ids.add(g.getString("_id"));
        });
        MongoCollection<Document> projection = copy(mongo.getDatabase("credentials").getCollection("eligibility"),
                limits.getCollection(PROJECTION), new Document("_id", new Document("$in", ids)), n);

        long start = System.nanoTime();
        long guardianServiceNanos = 0;
        for (int from = 0; from < n; from += CHUNK) {
            long chunkStart = System.nanoTime();
            List<Document> read = new ArrayList<>(CHUNK);
            int to = Math.min(n, from + CHUNK);
            for (int at = from; at < to; at += READ_CHUNK) {
                guardians.find(in("externalKey", keys.subList(at, Math.min(to, at + READ_CHUNK))))
                        .projection(include("firstName", "lastName", "email", "externalRef", "createdAt", "updatedAt",
                                "version", "outbox.eventId"))
                        .into(read);
            }
            Date now = new Date();
            List<WriteModel<Document>> changes = new ArrayList<>(read.size());
            Map<String, String> emails = new HashMap<>();
            for (Document guardian : read) {
                String id = guardian.getString("_id");
                long version = ((Number) guardian.get("version")).longValue();
                String firstName = guardian.getString("firstName");
                String lastName = guardian.getString("lastName");
                String email = "floor-" + id + "@bench.example.org";
                emails.put(id, email);
                Document event = new Document("eventId", UUID.randomUUID().toString()).append("occurredAt", now)
                        .append("firstName", firstName).append("lastName", lastName).append("email", email)
                        .append("previousEmail", guardian.getString("email")).append("origin", "ADMIN")
                        .append("actor", "admin");
                changes.add(new UpdateOneModel<>(new Document("_id", id).append("version", version),
                        combine(set("firstName", firstName), set("lastName", lastName), set("email", email),
                                set("updatedAt", now), set("version", version + 1),
                                set("searchTokens", List.of(firstName.toLowerCase(), lastName.toLowerCase(), email)),
                                set("sortLastName", lastName.toLowerCase()),
                                set("sortFirstName", firstName.toLowerCase()),
                                push("outbox", event))));
            }
            applied(guardians, changes);
            guardianServiceNanos += System.nanoTime() - chunkStart;

            Map<String, Object> stored = new HashMap<>();
            projection.find(in("_id", emails.keySet())).projection(include("lastOccurredAt"))
                    .forEach(entry -> stored.put(entry.getString("_id"), entry.get("lastOccurredAt")));
            List<WriteModel<Document>> entries = new ArrayList<>(stored.size());
            for (Document guardian : read) {
                String id = guardian.getString("_id");
                entries.add(new UpdateOneModel<>(new Document("_id", id).append("lastOccurredAt", stored.get(id)),
                        combine(set("firstName", guardian.getString("firstName")),
                                set("lastName", guardian.getString("lastName")), set("email", emails.get(id)),
                                set("lastOccurredAt", now))));
            }
            applied(projection, entries);
        }
        double seconds = Limits.seconds(start);
        expect(n, guardians.countDocuments(regex("email", "^floor-")), "guardians with their new address");
        expect(n, projection.countDocuments(regex("email", "^floor-")), "projection entries with the new address");
        guardians.drop();
        projection.drop();
        return new ImportFloor(seconds, guardianServiceNanos / 1e9);
    }

    /** The whole import floor, and guardian-service's part of it. */
    record ImportFloor(double seconds, double guardianServiceSeconds) {
    }

    /**
     * B4, for {@code m} sent messages: a replay (the versions read, each message made PENDING again), a claim (each
     * made SENDING, then the claimed messages read whole, to be sent) and the record of each as SENT, every write
     * conditional on the status version read. Not counted: the mails, the status events, the delivery queue.
     */
    static double deliveryWrites(MongoClient mongo, int m) {
        MongoCollection<Document> messages = copy(mongo.getDatabase("notifications").getCollection("messages"),
                mongo.getDatabase(Limits.DATABASE).getCollection(MESSAGES), new Document(), m);
        List<String> ids = new ArrayList<>(m);
        messages.find().projection(include("_id")).forEach(message -> ids.add(message.getString("_id")));

        Date started = new Date();
        long start = System.nanoTime();
        for (int from = 0; from < m; from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(m, from + CHUNK));
            Map<String, Integer> versions = new HashMap<>();
            messages.find(in("_id", chunk)).projection(include("statusVersion"))
                    .forEach(message -> versions.put(message.getString("_id"), message.getInteger("statusVersion")));
            Date now = new Date();
            applied(messages, eachAt(versions, 0, id -> combine(statusChange("PENDING", now), set("pendingEvent", id),
                    set("attempts", 0), set("scheduledFor", now), unset("lastError"), unset("sentAt"),
                    unset("claimToken"), unset("leaseUntil"))));
            String token = UUID.randomUUID().toString();
            applied(messages, eachAt(versions, 1, id -> combine(statusChange("SENDING", now), set("pendingEvent", id),
                    set("claimToken", token), set("leaseUntil", now))));
            List<Document> claimed = messages.find(in("_id", chunk)).into(new ArrayList<>(chunk.size()));
            if (claimed.stream().anyMatch(message -> !token.equals(message.getString("claimToken")))) {
                throw new IllegalStateException("a floor claim did not take its messages");
            }
            applied(messages, eachAt(versions, 2, id -> combine(statusChange("SENT", now), unset("pendingEvent"),
                    unset("claimToken"), unset("leaseUntil"), set("sentAt", now), inc("attempts", 1))));
        }
        double seconds = Limits.seconds(start);
        expect(m, messages.countDocuments(and(eq("status", "SENT"), gte("sentAt", started))), "messages sent again");
        messages.drop();
        return seconds;
    }

    private static Bson statusChange(String status, Date now) {
        return combine(set("status", status), set("statusChangedAt", now), inc("statusVersion", 1));
    }

    /** One update per message, each conditional on the version read plus {@code changesSince} earlier changes. */
    private static List<WriteModel<Document>> eachAt(Map<String, Integer> versions, int changesSince,
            Function<String, Bson> update) {
        List<WriteModel<Document>> writes = new ArrayList<>(versions.size());
        versions.forEach((id, version) -> writes.add(new UpdateOneModel<>(
                new Document("_id", id).append("statusVersion", version + changesSince), update.apply(id))));
        return writes;
    }

    private static void expect(long expected, long counted, String what) {
        if (counted != expected) {
            throw new IllegalStateException("store floor: " + counted + " " + what + ", not " + expected);
        }
    }

    private static void applied(MongoCollection<Document> collection, List<WriteModel<Document>> writes) {
        int modified = collection.bulkWrite(writes, UNORDERED).getModifiedCount();
        if (modified != writes.size()) {
            throw new IllegalStateException(collection.getNamespace() + ": " + modified + " of " + writes.size()
                    + " conditional writes applied");
        }
    }

    /** Replaces {@code target} with copies of {@code n} documents of {@code source} matching {@code filter}. */
    private static MongoCollection<Document> copy(MongoCollection<Document> source, MongoCollection<Document> target,
            Document filter, int n) {
        target.drop();
        List<Document> documents = source.find(filter).limit(n).into(new ArrayList<>(n));
        if (documents.size() < n) {
            throw new IllegalStateException(source.getNamespace() + ": " + documents.size() + " documents, not " + n);
        }
        for (int from = 0; from < n; from += CHUNK) {
            target.insertMany(documents.subList(from, Math.min(n, from + CHUNK)));
        }
        return target;
    }
}
