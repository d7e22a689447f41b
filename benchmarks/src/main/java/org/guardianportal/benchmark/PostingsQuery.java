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
 * search postings (chains of message ids per key, in a head and buckets of the sizes the head names, with exact {@code _id}s) because the embedded
 * store cannot use secondary indexes; a search reads the chains' heads, their newest buckets (or all buckets of the
 * smallest chain when several must match), then fetches the page by {@code _id $in}, and counts from the heads or from
 * the candidates.
 */
final class PostingsQuery {

    /** Messages fetched per {@code _id $in}, as notification-service fetches them. */
    private static final int FETCH_CHUNK = 1_000;
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
        Map<String, Chain> chains = heads(words.stream().map(word -> "word:" + word).toList(), new ArrayList<>());
        List<String> byCount = chains.keySet().stream()
                .sorted(Comparator.comparing(key -> chains.get(key).count())).toList();
        List<Document> candidates = entries(byCount.get(0));
        for (String key : byCount.subList(1, byCount.size())) {
            Set<String> ids = new HashSet<>();
            entries(key).forEach(entry -> ids.add(entry.getString("id")));
            candidates.removeIf(entry -> !ids.contains(entry.getString("id")));
        }
        candidates.sort(NEWEST_FIRST);
        long matched = 0;
        for (int start = 0; start < candidates.size(); start += FETCH_CHUNK) {
            for (Document message : fetch(candidates.subList(start, Math.min(candidates.size(), start + FETCH_CHUNK)))) {
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
        Map<String, Chain> chains = heads(keys, newest);
        List<String> buckets = new ArrayList<>();
        chains.forEach((key, chain) -> {
            for (long n = chain.lastBucket(); n >= 1 && n >= chain.lastBucket() - 1; n--) {
                buckets.add(key + "#" + n);
            }
        });
        readBuckets(buckets, newest);
        newest.sort(NEWEST_FIRST);
        fetch(newest.subList(0, Math.min(50, newest.size())));
        return chains.values().stream().mapToLong(Chain::count).sum();
    }

    /** A chain as its head tells it: how many postings, and the number of its last bucket (0: all in the head). */
    private record Chain(long count, long lastBucket) {
    }

    /** The heads' counts; the postings they hold are added to {@code entries}. */
    private Map<String, Chain> heads(List<String> keys, List<Document> entries) {
        Map<String, Chain> chains = new HashMap<>();
        keys.forEach(key -> chains.put(key, new Chain(0, 0)));
        database.getCollection("messageSearchChains").find(in("_id", keys)).forEach(head -> {
            long count = ((Number) head.get("count")).longValue();
            int headSize = head.get("headSize", (Number) 1_000).intValue();
            int bucketSize = head.get("bucketSize", (Number) 1_000).intValue();
            chains.put(head.getString("_id"), new Chain(count, count <= headSize ? 0 : 1 + (count - 1 - headSize) / bucketSize));
            entries.addAll(head.getList("entries", Document.class, List.of()));
        });
        return chains;
    }

    /** Every posting of one chain: its head, then all its buckets in one read. */
    private List<Document> entries(String key) {
        List<Document> entries = new ArrayList<>();
        long lastBucket = heads(List.of(key), entries).get(key).lastBucket();
        List<String> buckets = new ArrayList<>();
        for (long n = 1; n <= lastBucket; n++) {
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
