package org.guardianportal.benchmark;

import static com.mongodb.client.model.Filters.in;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;

/**
 * B3's limit: the store reads notification-service makes for a search, sent straight with the driver. The service keeps
 * search postings (chains of message ids per key, in buckets of 1,000 with exact {@code _id}s) because the embedded
 * store cannot use secondary indexes; a search reads the chains' heads, their newest buckets (or all buckets of the
 * smallest chain when several must match), then fetches the page by {@code _id $in}, and counts from the heads or from
 * the candidates.
 */
final class PostingsQuery {

    private static final int BUCKET = 1_000;
    private static final Comparator<Document> NEWEST_FIRST = Comparator
            .comparing((Document entry) -> entry.getDate("at")).reversed()
            .thenComparing(Comparator.comparing((Document entry) -> entry.getString("id")).reversed());

    private final MongoDatabase database;
    private final MongoCollection<Document> messages;

    PostingsQuery(MongoDatabase database) {
        this.database = database;
        this.messages = database.getCollection("messages");
    }

    /** The page of 50 and the total of messages whose subject holds all these words. */
    long subject(List<String> words) {
        List<String> keys = new ArrayList<>();
        for (Document subject : database.getCollection("messageSubjects").find()) {
            if (subject.getList("words", String.class).containsAll(words)) {
                keys.add("subject:" + subject.getString("_id"));
            }
        }
        return oneChain(keys);
    }

    long recipient(String recipient) {
        return oneChain(List.of("recipient:" + recipient));
    }

    /** Every word must match: the smallest chain, narrowed by the others, then the candidates fetched and checked. */
    long words(List<String> words) {
        Map<String, Long> counts = heads(words.stream().map(word -> "word:" + word).toList(), new ArrayList<>());
        List<String> byCount = counts.keySet().stream().sorted(Comparator.comparing(counts::get)).toList();
        List<Document> candidates = entries(byCount.get(0));
        for (String key : byCount.subList(1, byCount.size())) {
            Set<String> ids = new HashSet<>();
            entries(key).forEach(entry -> ids.add(entry.getString("id")));
            candidates.removeIf(entry -> !ids.contains(entry.getString("id")));
        }
        candidates.sort(NEWEST_FIRST);
        long matched = 0;
        for (int start = 0; start < candidates.size(); start += BUCKET) {
            for (Document message : fetch(candidates.subList(start, Math.min(candidates.size(), start + BUCKET)))) {
                if (message.getList("words", String.class).containsAll(words)) {
                    matched++;
                }
            }
        }
        return matched;
    }

    /** One chain (or a union): its head, its newest two buckets, the page fetched by id, the total from the heads. */
    private long oneChain(List<String> keys) {
        List<Document> newest = new ArrayList<>();
        Map<String, Long> counts = heads(keys, newest);
        List<String> buckets = new ArrayList<>();
        counts.forEach((key, count) -> {
            for (long n = (count - 1) / BUCKET; n >= 1 && n >= (count - 1) / BUCKET - 1; n--) {
                buckets.add(key + "#" + n);
            }
        });
        readBuckets(buckets, newest);
        newest.sort(NEWEST_FIRST);
        fetch(newest.subList(0, Math.min(50, newest.size())));
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The heads' counts; the postings they hold are added to {@code entries}. */
    private Map<String, Long> heads(List<String> keys, List<Document> entries) {
        Map<String, Long> counts = new HashMap<>();
        keys.forEach(key -> counts.put(key, 0L));
        database.getCollection("messageSearchChains").find(in("_id", keys)).forEach(head -> {
            counts.put(head.getString("_id"), ((Number) head.get("count")).longValue());
            entries.addAll(head.getList("entries", Document.class, List.of()));
        });
        return counts;
    }

    /** Every posting of one chain: its head, then all its buckets in one read. */
    private List<Document> entries(String key) {
        List<Document> entries = new ArrayList<>();
        long count = heads(List.of(key), entries).get(key);
        List<String> buckets = new ArrayList<>();
        for (long n = 1; n <= (count - 1) / BUCKET; n++) {
            buckets.add(key + "#" + n);
        }
        readBuckets(buckets, entries);
        return entries;
    }

    private void readBuckets(List<String> buckets, List<Document> entries) {
        if (!buckets.isEmpty()) {
            database.getCollection("messageSearchPostings").find(in("_id", buckets))
                    .forEach(bucket -> entries.addAll(bucket.getList("entries", Document.class)));
        }
    }

    private List<Document> fetch(List<Document> entries) {
        if (entries.isEmpty()) {
            return List.of();
        }
        List<Object> ids = entries.stream().map(entry -> (Object) entry.getString("id")).toList();
        return messages.find(in("_id", ids))
                .projection(Projections.include("guardianId", "batchId", "requestedBy", "recipient", "subject",
                        "status", "attempts", "lastError", "createdAt", "scheduledFor", "sentAt", "statusVersion",
                        "words", "subjectWords"))
                .into(new ArrayList<>());
    }
}
