package org.guardianportal.notification.message;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Function;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * What the message log is searched by, as lists of message ids that any store serves by exact {@code _id} lookups.
 *
 * <p>The embedded store ignores non-unique indexes, so a search on the messages themselves scans the whole log. Here
 * each search key of a message (every word, its subject, recipient, batch, guardian, requester, and {@code all}) has a
 * chain: a head {@code {_id: key, count, headSize, bucketSize, entries}} holding its first {@code headSize} postings,
 * then buckets {@code {_id: "key#n", entries: [{id, at}], bound}} of about {@code bucketSize} each, appended once per
 * key per intake chunk. Every append rewrites the documents it changes, so they are small: a chain started now holds
 * {@value #HEAD} postings in its head (most recipients and guardians have no more) and {@value #BUCKET} per bucket.
 * A chain started before heads named their sizes has {@value #FORMER_BUCKET} of each.
 * Distinct subjects (the templates: a handful) are listed with their words, so a subject search is the union of the
 * chains of the subjects holding all its words.
 *
 * <p>Postings are written before their messages, so a stored message is never missing from them; an id whose message
 * is not (or not yet) stored is ignored by readers. A chunk whose insert failed after its postings were written counts
 * its messages twice in {@code count} once they are stored on the retry (readers drop duplicate ids).
 *
 * <p>Chains are in append order, which concurrent chunks can make differ slightly from creation order. Each bucket
 * keeps {@code bound}: the earliest time one of its appenders had reserved its place. Every posting of a lower bucket
 * was created before that time (its creation time was read before its own reservation, which came first), so a reader
 * going newest first knows which postings are final before reading further. The head is always read whole.
 */
@Repository
class SearchPostings {

    static final String ALL = "all";
    /** Postings in the head of a chain started now; each append to the chain rewrites its head. */
    private static final int HEAD = 10;
    /** Postings in a bucket of a chain started now; each append beyond the head rewrites the last bucket. */
    private static final int BUCKET = 50;
    /** Postings in the head and in each bucket of a chain whose head does not name its sizes. */
    private static final int FORMER_BUCKET = 1_000;
    private static final String HEADS = "messageSearchChains";
    private static final String BUCKETS = "messageSearchPostings";
    private static final String SUBJECTS = "messageSubjects";
    private static final String COUNT = "count";
    private static final String HEAD_SIZE = "headSize";
    private static final String BUCKET_SIZE = "bucketSize";
    private static final String ENTRIES = "entries";
    private static final String BOUND = "bound";
    private static final String WORDS = "words";
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    /** Newest first: creation time, then id, both descending, as the log lists messages. */
    static final Comparator<Posting> NEWEST_FIRST = Comparator.comparing(Posting::at).reversed()
            .thenComparing(Comparator.comparing(Posting::id).reversed());

    private final MongoTemplate mongo;
    private final Clock clock;

    SearchPostings(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** One message in a chain: its id and creation time. */
    record Posting(String id, Instant at) {
    }

    // ---- keys

    static String word(String word) {
        return "word:" + word;
    }

    static String subject(String subject) {
        return "subject:" + subject;
    }

    static String recipient(String recipient) {
        return "recipient:" + recipient;
    }

    static String batch(String batchId) {
        return "batch:" + batchId;
    }

    static String guardian(String guardianId) {
        return "guardian:" + guardianId;
    }

    static String requester(String requestedBy) {
        return "requester:" + requestedBy;
    }

    private static Set<String> keysOf(MessageDocument message) {
        Set<String> keys = new HashSet<>();
        keys.add(ALL);
        message.words().forEach(word -> keys.add(word(word)));
        addIfPresent(keys, message.subject(), SearchPostings::subject);
        addIfPresent(keys, message.recipient(), SearchPostings::recipient);
        addIfPresent(keys, message.batchId(), SearchPostings::batch);
        addIfPresent(keys, message.guardianId(), SearchPostings::guardian);
        addIfPresent(keys, message.requestedBy(), SearchPostings::requester);
        return keys;
    }

    private static void addIfPresent(Set<String> keys, String value, Function<String, String> key) {
        if (value != null) {
            keys.add(key.apply(value));
        }
    }

    // ---- writing

    /**
     * Appends these messages to the chains of their keys, one update per key, never one per message. A chain's first
     * postings live in its head, so a key with few messages (a recipient, a guardian) costs one upsert; a longer
     * chain reserves places in its head, reads them back, then appends to its bucket.
     */
    void append(List<MessageDocument> messages) {
        if (messages.isEmpty()) {
            return;
        }
        Map<String, List<Document>> byKey = new LinkedHashMap<>();
        Map<String, List<String>> subjects = new LinkedHashMap<>();
        for (MessageDocument message : messages) {
            Document entry = new Document("id", message.id()).append("at", Date.from(message.createdAt()));
            keysOf(message).forEach(key -> byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(entry));
            if (message.subject() != null) {
                subjects.putIfAbsent(message.subject(), message.subjectWords());
            }
        }
        Map<String, Head> before = sizes(byKey.keySet());
        List<WriteModel<Document>> catalog = new ArrayList<>();
        subjects.forEach((subject, words) -> {
            if (before.get(subject(subject)).count() == 0) {
                catalog.add(new UpdateOneModel<>(eq("_id", subject), Updates.setOnInsert(WORDS, words), UPSERT));
            }
        });
        if (!catalog.isEmpty()) {
            collection(SUBJECTS).bulkWrite(catalog, UNORDERED);
        }

        List<WriteModel<Document>> heads = new ArrayList<>(byKey.size());
        Set<String> beyondHead = new HashSet<>();
        byKey.forEach((key, entries) -> {
            Head head = before.get(key);
            Bson reserve = Updates.combine(Updates.inc(COUNT, entries.size()), Updates.setOnInsert(HEAD_SIZE, HEAD),
                    Updates.setOnInsert(BUCKET_SIZE, BUCKET));
            if (head.count() + entries.size() <= head.headSize()) {
                heads.add(new UpdateOneModel<>(eq("_id", key),
                        Updates.combine(reserve, Updates.pushEach(ENTRIES, entries)), UPSERT));
            } else {
                heads.add(new UpdateOneModel<>(eq("_id", key), reserve, UPSERT));
                beyondHead.add(key);
            }
        });
        collection(HEADS).bulkWrite(heads, UNORDERED);
        if (beyondHead.isEmpty()) {
            return;
        }
        Map<String, Head> reserved = sizes(beyondHead);
        Date bound = Date.from(clock.instant());
        List<WriteModel<Document>> appends = new ArrayList<>(beyondHead.size());
        beyondHead.forEach(key -> appends.add(new UpdateOneModel<>(
                eq("_id", bucketId(key, Math.max(1, reserved.get(key).lastBucket()))),
                Updates.combine(Updates.pushEach(ENTRIES, byKey.get(key)), Updates.min(BOUND, bound)), UPSERT)));
        collection(BUCKETS).bulkWrite(appends, UNORDERED);
    }

    private static String bucketId(String key, long number) {
        return key + "#" + number;
    }

    // ---- reading

    /** A chain's head: how many postings it has, how many its head and buckets hold, and the first of them. */
    record Head(long count, int headSize, int bucketSize, List<Posting> first) {

        private static final Head EMPTY = new Head(0, HEAD, BUCKET, List.of());

        /** The number of the bucket holding the last postings; 0 while the head holds them all. */
        long lastBucket() {
            return count <= headSize ? 0 : 1 + (count - 1 - headSize) / bucketSize;
        }
    }

    /** The heads of these chains, read together; an empty head for a chain that does not exist. */
    Map<String, Head> heads(Set<String> keys) {
        return read(keys, collection(HEADS).find(in("_id", keys)), SearchPostings::postings);
    }

    /** The heads of these chains without their postings, which stay in the store. */
    private Map<String, Head> sizes(Set<String> keys) {
        return read(keys, collection(HEADS).find(in("_id", keys))
                        .projection(Projections.include(COUNT, HEAD_SIZE, BUCKET_SIZE)),
                head -> List.of());
    }

    private static Map<String, Head> read(Set<String> keys, Iterable<Document> found,
            Function<Document, List<Posting>> postings) {
        Map<String, Head> heads = new HashMap<>();
        keys.forEach(key -> heads.put(key, Head.EMPTY));
        for (Document head : found) {
            heads.put(head.getString("_id"), new Head(((Number) head.get(COUNT)).longValue(),
                    head.get(HEAD_SIZE, (Number) FORMER_BUCKET).intValue(),
                    head.get(BUCKET_SIZE, (Number) FORMER_BUCKET).intValue(), postings.apply(head)));
        }
        return heads;
    }

    private static List<Posting> postings(Document holder) {
        List<Document> entries = holder.getList(ENTRIES, Document.class, List.of());
        List<Posting> postings = new ArrayList<>(entries.size());
        entries.forEach(entry -> postings.add(new Posting(entry.getString("id"), entry.getDate("at").toInstant())));
        return postings;
    }

    /** The subjects whose words include all these words. */
    List<String> subjectsWith(List<String> words) {
        List<String> subjects = new ArrayList<>();
        for (Document subject : collection(SUBJECTS).find()) {
            if (subject.getList(WORDS, String.class).containsAll(words)) {
                subjects.add(subject.getString("_id"));
            }
        }
        return subjects;
    }

    /** Every posting of these chains, each id once, newest first: their heads, then all their buckets in one read. */
    List<Posting> all(Map<String, Head> heads) {
        Map<String, Posting> postings = new HashMap<>();
        List<String> buckets = new ArrayList<>();
        heads.forEach((key, head) -> {
            head.first().forEach(posting -> postings.putIfAbsent(posting.id(), posting));
            for (long number = 1; number <= head.lastBucket(); number++) {
                buckets.add(bucketId(key, number));
            }
        });
        if (!buckets.isEmpty()) {
            for (Document bucket : collection(BUCKETS).find(in("_id", buckets))) {
                postings(bucket).forEach(posting -> postings.putIfAbsent(posting.id(), posting));
            }
        }
        List<Posting> newestFirst = new ArrayList<>(postings.values());
        newestFirst.sort(NEWEST_FIRST);
        return newestFirst;
    }

    /**
     * The postings of these chains merged newest first, each id once, reading buckets only as far as the caller goes.
     * The heads are read first, so the postings they hold need no bound.
     */
    Iterator<Posting> newestFirst(Map<String, Head> heads) {
        Merge merge = new Merge();
        heads.forEach((key, head) -> {
            merge.add(head.first());
            if (head.lastBucket() > 0) {
                merge.unread.add(new Cursor(key, head.lastBucket()));
            }
        });
        return merge;
    }

    /** Where a reader is in one chain: the next bucket to read, and what the buckets read so far bound. */
    private static final class Cursor {
        private final String key;
        private long next;
        private Instant bound;

        Cursor(String key, long next) {
            this.key = key;
            this.next = next;
        }

        /** No posting left to read here was created after this; null while nothing bounds it yet. */
        Instant bound() {
            return bound;
        }
    }

    private final class Merge implements Iterator<Posting> {
        private final List<Cursor> unread = new ArrayList<>();
        private final PriorityQueue<Posting> pending = new PriorityQueue<>(NEWEST_FIRST);
        private final Set<String> seen = new HashSet<>();

        void add(List<Posting> postings) {
            postings.forEach(posting -> {
                if (seen.add(posting.id())) {
                    pending.add(posting);
                }
            });
        }

        @Override
        public boolean hasNext() {
            while (!pending.isEmpty() || !unread.isEmpty()) {
                if (!pending.isEmpty() && isFinal(pending.peek())) {
                    return true;
                }
                if (unread.isEmpty()) {
                    return true;
                }
                read(unread.stream().max(Comparator.comparing(Cursor::bound,
                        Comparator.nullsLast(Comparator.naturalOrder()))).orElseThrow());
            }
            return false;
        }

        /** Final once no bucket left to read may hold a newer posting. */
        private boolean isFinal(Posting posting) {
            for (Cursor cursor : unread) {
                if (cursor.bound() == null || !posting.at().isAfter(cursor.bound())) {
                    return false;
                }
            }
            return true;
        }

        private void read(Cursor cursor) {
            Document bucket = collection(BUCKETS).find(eq("_id", bucketId(cursor.key, cursor.next))).first();
            if (bucket != null) {
                add(postings(bucket));
                cursor.bound = bucket.getDate(BOUND).toInstant();
            }
            cursor.next--;
            if (cursor.next < 1) {
                unread.remove(cursor);
            }
        }

        @Override
        public Posting next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return pending.poll();
        }
    }

    private MongoCollection<Document> collection(String name) {
        return mongo.getCollection(name);
    }
}
