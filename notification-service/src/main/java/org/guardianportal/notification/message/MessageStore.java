package org.guardianportal.notification.message;

import static org.guardianportal.notification.message.MessageDocument.Fields.ATTEMPTS;
import static org.guardianportal.notification.message.MessageDocument.Fields.BATCH_ID;
import static org.guardianportal.notification.message.MessageDocument.Fields.BODY;
import static org.guardianportal.notification.message.MessageDocument.Fields.CLAIM_TOKEN;
import static org.guardianportal.notification.message.MessageDocument.Fields.CREATED_AT;
import static org.guardianportal.notification.message.MessageDocument.Fields.EVENT_ID;
import static org.guardianportal.notification.message.MessageDocument.Fields.GUARDIAN_ID;
import static org.guardianportal.notification.message.MessageDocument.Fields.ID;
import static org.guardianportal.notification.message.MessageDocument.Fields.LAST_ERROR;
import static org.guardianportal.notification.message.MessageDocument.Fields.LEASE_UNTIL;
import static org.guardianportal.notification.message.MessageDocument.Fields.PENDING_EVENT;
import static org.guardianportal.notification.message.MessageDocument.Fields.RECIPIENT;
import static org.guardianportal.notification.message.MessageDocument.Fields.REQUESTED_BY;
import static org.guardianportal.notification.message.MessageDocument.Fields.REVEALS;
import static org.guardianportal.notification.message.MessageDocument.Fields.SCHEDULED_FOR;
import static org.guardianportal.notification.message.MessageDocument.Fields.SECRET;
import static org.guardianportal.notification.message.MessageDocument.Fields.SENT_AT;
import static org.guardianportal.notification.message.MessageDocument.Fields.STATUS;
import static org.guardianportal.notification.message.MessageDocument.Fields.STATUS_CHANGED_AT;
import static org.guardianportal.notification.message.MessageDocument.Fields.STATUS_VERSION;
import static org.guardianportal.notification.message.MessageDocument.Fields.SUBJECT;
import static org.guardianportal.notification.message.MessageDocument.Fields.SUBJECT_WORDS;
import static org.guardianportal.notification.message.MessageDocument.Fields.WORDS;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.mongodb.bulk.BulkWriteError;
import org.bson.Document;
import org.guardianportal.contracts.MessageStatus;
import org.guardianportal.contracts.SealedSecret;
import org.guardianportal.notification.message.SearchPostings.Head;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The message log in MongoDB ({@link DeliveryQueue} finds the messages due). Every bulk path is one round trip per
 * chunk, never one per message; claims are conditional updates, so two instances never hold the same message.
 */
@Repository
public class MessageStore implements InitializingBean {

    private static final int DUPLICATE_KEY = 11000;
    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc(CREATED_AT), Sort.Order.desc(ID));
    private static final List<MessageStatus> REQUEUEABLE = List.of(MessageStatus.FAILED, MessageStatus.SENT);
    private static final int FETCH_CHUNK = 1_000;
    /** A group is intersected with the candidates while it has at most this many times as many postings. */
    private static final int NARROWING = 10;

    /** The outbox mark of logs written before {@code pendingEvent}; see {@link #carryOverOldEventMarks()}. */
    private static final String OLD_EVENT_PENDING = "eventPending";

    private final MongoTemplate mongo;
    private final SearchPostings postings;

    MessageStore(MongoTemplate mongo, SearchPostings postings) {
        this.mongo = mongo;
        this.postings = postings;
    }

    /** The indexes every query of this class needs; created before any listener or scheduler starts. */
    @Override
    public void afterPropertiesSet() {
        IndexOperations indexes = mongo.indexOps(MessageDocument.COLLECTION);
        indexes.createIndex(new Index().on(EVENT_ID, Sort.Direction.ASC).unique().named("eventId_unique"));
        // every conditional write, {_id, statusVersion}, is found by the _id index, on any store
        StoreIndexes.dropIfPresent(indexes, "id_statusVersion");
        indexes.createIndex(newestFirst("createdAt"));
        // words, subject, recipient, guardian and requester are searched through SearchPostings, on any store
        indexes.createIndex(newestFirst("batchId", BATCH_ID));
        indexes.createIndex(newestFirst("status", STATUS));
        // sparse and unique: only messages whose event awaits Kafka have a key, and mongo-java-server serves a regex
        // on a single-field unique index from its keys, so the outbox relay never reads the whole log
        indexes.createIndex(new Index().on(PENDING_EVENT, Sort.Direction.ASC).unique().sparse()
                .named("pendingEvent_unique"));
        carryOverOldEventMarks();
    }

    /**
     * A log written before {@code pendingEvent} existed marked an unpublished status event with
     * {@code eventPending: true}; those marks become {@code pendingEvent} once, so no such event is lost.
     */
    private void carryOverOldEventMarks() {
        Query marked = new Query(where(OLD_EVENT_PENDING).is(true));
        marked.fields().include(ID);
        List<Document> messages = mongo.find(marked, Document.class, MessageDocument.COLLECTION);
        if (messages.isEmpty()) {
            return;
        }
        DriverBulk bulk = new DriverBulk();
        messages.forEach(message -> bulk.updateOne(new Query(where(ID).is(message.getString(ID))),
                new Update().set(PENDING_EVENT, message.getString(ID)).unset(OLD_EVENT_PENDING)));
        bulk.execute(mongo, MessageDocument.COLLECTION);
    }

    /** {field: 1, createdAt: -1, _id: -1}: the filter, then the log's order, so a page never sorts in memory. */
    private static Index newestFirst(String name, String... fields) {
        Index index = new Index();
        for (String field : fields) {
            index.on(field, Sort.Direction.ASC);
        }
        return index.on(CREATED_AT, Sort.Direction.DESC).on(ID, Sort.Direction.DESC).named(name + "_newest");
    }

    // ---- intake

    /**
     * Inserts new messages in one unordered bulk write, after their search postings, so that no stored message is
     * ever missing from a search. A message whose event is already stored (same eventId) is skipped: a redelivered
     * event changes nothing.
     *
     * @return the messages really inserted
     */
    public List<MessageDocument> insertNew(List<MessageDocument> messages) {
        List<MessageDocument> unknown = withUnknownEvents(messages);
        if (unknown.isEmpty()) {
            return List.of();
        }
        postings.append(unknown);
        try {
            mongo.bulkOps(BulkMode.UNORDERED, MessageDocument.class).insert(unknown).execute();
            return unknown;
        } catch (BulkOperationException e) {
            Set<Integer> duplicates = new HashSet<>();
            for (BulkWriteError error : e.getErrors()) {
                if (error.getCode() != DUPLICATE_KEY) {
                    throw e;
                }
                duplicates.add(error.getIndex());
            }
            List<MessageDocument> inserted = new ArrayList<>();
            for (int i = 0; i < unknown.size(); i++) {
                if (!duplicates.contains(i)) {
                    inserted.add(unknown.get(i));
                }
            }
            return inserted;
        }
    }

    /** The messages whose event is not stored yet, each event once: only they get postings. */
    private List<MessageDocument> withUnknownEvents(List<MessageDocument> messages) {
        Map<String, MessageDocument> byEvent = new LinkedHashMap<>();
        messages.forEach(message -> byEvent.putIfAbsent(message.eventId(), message));
        if (byEvent.isEmpty()) {
            return List.of();
        }
        Query stored = new Query(where(EVENT_ID).in(byEvent.keySet()));
        stored.fields().include(EVENT_ID);
        mongo.find(stored, Document.class, MessageDocument.COLLECTION)
                .forEach(message -> byEvent.remove(message.getString(EVENT_ID)));
        return List.copyOf(byEvent.values());
    }

    // ---- delivery

    /**
     * Claims the due messages that have not changed since they were found, in one bulk write: each update applies
     * only to the version that was found due, so of two racing instances only one takes each message. Reads back
     * only what this claim took.
     */
    public Claim claim(Collection<MessageVersion> due, Instant now, Duration lease) {
        String token = UUID.randomUUID().toString();
        if (due.isEmpty()) {
            return new Claim(token, List.of());
        }
        DriverBulk bulk = new DriverBulk();
        for (MessageVersion found : due) {
            bulk.updateOne(unchanged(found), statusChange(found.id(), MessageStatus.SENDING, now)
                    .set(CLAIM_TOKEN, token)
                    .set(LEASE_UNTIL, now.plus(lease)));
        }
        bulk.execute(mongo, MessageDocument.COLLECTION);
        Query claimed = new Query(where(ID).in(due.stream().map(MessageVersion::id).toList())
                .and(CLAIM_TOKEN).is(token));
        claimed.fields().include(CLAIMED_FIELDS);
        return new Claim(token, mongo.find(claimed, Document.class, MessageDocument.COLLECTION).stream()
                .map(MessageStore::claimedMessage)
                .toList());
    }

    /** What sending, the events and the record need of a claimed message: not its search words, reveals, author. */
    static final String[] CLAIMED_FIELDS = {ID, GUARDIAN_ID, BATCH_ID, RECIPIENT, SUBJECT, BODY, SECRET, STATUS,
            ATTEMPTS, LAST_ERROR, SCHEDULED_FOR, LEASE_UNTIL, CLAIM_TOKEN, STATUS_VERSION, PENDING_EVENT,
            STATUS_CHANGED_AT};

    /**
     * A claimed message as read back with {@link #CLAIMED_FIELDS}, decoded here rather than by Spring Data's mapping
     * of the record, which took the claiming thread from 0.26 to 0.40 s of CPU per 10,000 messages (quick B4 runs,
     * six repetitions each).
     */
    static MessageDocument claimedMessage(Document stored) {
        Document secret = stored.get(SECRET, Document.class);
        return new MessageDocument(stored.getString(ID), null, stored.getString(GUARDIAN_ID),
                stored.getString(BATCH_ID), null, stored.getString(RECIPIENT), null, null, null,
                stored.getString(SUBJECT), stored.getString(BODY),
                secret == null ? null : new SealedSecret(secret.getString("alg"), secret.getString("keyId"),
                        secret.getString("iv"), secret.getString("ciphertext")),
                MessageStatus.valueOf(stored.getString(STATUS)), stored.getInteger(ATTEMPTS, 0),
                stored.getString(LAST_ERROR), null, instant(stored, SCHEDULED_FOR), null,
                instant(stored, LEASE_UNTIL), stored.getString(CLAIM_TOKEN), null, null, null,
                stored.getInteger(STATUS_VERSION, 0), stored.getString(PENDING_EVENT),
                instant(stored, STATUS_CHANGED_AT));
    }

    private static Instant instant(Document stored, String field) {
        Date date = stored.getDate(field);
        return date == null ? null : date.toInstant();
    }

    /**
     * Messages taken by one claim, with what delivery needs of them (sealed secrets included, not the search words nor
     * the reveals): only this instance may send them until the lease ends.
     */
    public record Claim(String token, List<MessageDocument> messages) {
    }

    /**
     * Records how a claimed chunk went, in one bulk write: SENT for {@code sent}, the next step for each failure.
     * Each update applies to the claimed version only, so a message whose lease expired and was claimed again
     * elsewhere is not overwritten. A change whose event Kafka already acknowledged ({@code published}) is stored
     * without a pending mark; the others are marked for the outbox.
     */
    public void recordDeliveries(Instant now, Collection<MessageVersion> sent, Collection<DeliveryFailure> failures,
            Set<String> published) {
        if (sent.isEmpty() && failures.isEmpty()) {
            return;
        }
        DriverBulk bulk = new DriverBulk();
        for (MessageVersion message : sent) {
            bulk.updateOne(unchanged(message), outcome(message.id(), MessageStatus.SENT, now, published)
                    .set(SENT_AT, now)
                    .inc(ATTEMPTS, 1));
        }
        for (DeliveryFailure failure : failures) {
            Update update = outcome(failure.claimed().id(), failure.status(), now, published)
                    .set(ATTEMPTS, failure.attempts())
                    .set(LAST_ERROR, failure.lastError());
            if (failure.retryAt() != null) {
                update.set(SCHEDULED_FOR, failure.retryAt());
            }
            bulk.updateOne(unchanged(failure.claimed()), update);
        }
        bulk.execute(mongo, MessageDocument.COLLECTION);
    }

    /** The message, if it still has the status version it had when read. */
    private static Query unchanged(MessageVersion message) {
        return new Query(where(ID).is(message.id()).and(STATUS_VERSION).is(message.statusVersion()));
    }

    /** The end of a claim: its status, with the outbox mark only if its event is not on Kafka yet. */
    private static Update outcome(String id, MessageStatus status, Instant now, Set<String> published) {
        Update update = published.contains(id) ? statusChange(status, now).unset(PENDING_EVENT)
                : statusChange(id, status, now);
        return update.unset(CLAIM_TOKEN).unset(LEASE_UNTIL);
    }

    /** Every status change bumps the version and marks its event as still to publish, in the same write. */
    private static Update statusChange(String id, MessageStatus status, Instant now) {
        return statusChange(status, now).set(PENDING_EVENT, id);
    }

    private static Update statusChange(MessageStatus status, Instant now) {
        return new Update()
                .set(STATUS, status)
                .set(STATUS_CHANGED_AT, now)
                .inc(STATUS_VERSION, 1);
    }

    // ---- message log

    /** Looks a message up by id only, which every store (mongo-java-server included) answers from the _id index. */
    Optional<MessageDocument> findById(String id) {
        return Optional.ofNullable(mongo.findById(id, MessageDocument.class));
    }

    /**
     * A page of the log, newest first, with the exact total. A search by any key (word, subject, recipient, batch,
     * guardian, requester), or by nothing, reads its search chains and fetches candidates by id; only a search by
     * status or period alone reads the log itself.
     */
    Page search(MessageSearch search, int page, int size) {
        if (search.hasNoKey() && search.filtersStatusOrPeriod()) {
            return scan(search, page, size);
        }
        long skip = (long) page * size;
        List<List<String>> groups = chainGroups(search);
        if (groups.stream().anyMatch(List::isEmpty)) {
            return new Page(List.of(), 0);
        }
        Map<String, Head> heads = postings.heads(groups.stream().flatMap(List::stream).collect(Collectors.toSet()));
        groups.sort(Comparator.comparingLong(group -> count(group, heads)));
        List<String> driver = groups.get(0);
        if (groups.size() == 1 && !search.filtersStatusOrPeriod()) {
            return new Page(firstMatches(postings.newestFirst(only(driver, heads)), search, skip, size),
                    count(driver, heads));
        }
        return everyMatch(narrowed(driver, groups, heads), search, skip, size);
    }

    /**
     * The chains a search reads, as groups that must all match; a group matches if any of its chains does (the
     * subjects holding all the subject words). An empty group matches nothing.
     */
    private List<List<String>> chainGroups(MessageSearch search) {
        List<List<String>> groups = new ArrayList<>();
        search.words().forEach(word -> groups.add(List.of(SearchPostings.word(word))));
        if (!search.subjectWords().isEmpty()) {
            groups.add(postings.subjectsWith(search.subjectWords()).stream().map(SearchPostings::subject).toList());
        }
        chain(groups, search.recipient(), SearchPostings::recipient);
        chain(groups, search.batchId(), SearchPostings::batch);
        chain(groups, search.guardianId(), SearchPostings::guardian);
        chain(groups, search.requestedBy(), SearchPostings::requester);
        if (groups.isEmpty()) {
            groups.add(List.of(SearchPostings.ALL));
        }
        return groups;
    }

    private static void chain(List<List<String>> groups, String value, Function<String, String> key) {
        if (value != null) {
            groups.add(List.of(key.apply(value)));
        }
    }

    private static long count(List<String> group, Map<String, Head> heads) {
        return group.stream().mapToLong(key -> heads.get(key).count()).sum();
    }

    private static Map<String, Head> only(List<String> group, Map<String, Head> heads) {
        Map<String, Head> chosen = new HashMap<>();
        group.forEach(key -> chosen.put(key, heads.get(key)));
        return chosen;
    }

    /**
     * The postings of the smallest group, kept only where another group not much larger also has them: intersecting
     * ids is cheaper than fetching messages that cannot match.
     */
    private List<SearchPostings.Posting> narrowed(List<String> driver, List<List<String>> groups,
            Map<String, Head> heads) {
        List<SearchPostings.Posting> candidates = postings.all(only(driver, heads));
        for (List<String> group : groups.subList(1, groups.size())) {
            if (count(group, heads) > NARROWING * Math.max(1, candidates.size())) {
                break;
            }
            Set<String> ids = new HashSet<>();
            postings.all(only(group, heads)).forEach(posting -> ids.add(posting.id()));
            candidates.removeIf(posting -> !ids.contains(posting.id()));
        }
        return candidates;
    }

    /** The page among the first matches of candidates in their order, fetched as far as the page needs. */
    private List<MessageDocument> firstMatches(Iterator<SearchPostings.Posting> candidates, MessageSearch search,
            long skip, int size) {
        List<MessageDocument> items = new ArrayList<>();
        long matched = 0;
        while (candidates.hasNext() && items.size() < size) {
            List<String> ids = new ArrayList<>();
            long wanted = Math.min(FETCH_CHUNK, skip + size - matched);
            while (candidates.hasNext() && ids.size() < wanted) {
                ids.add(candidates.next().id());
            }
            for (MessageDocument message : fetchInOrder(ids)) {
                if (search.matches(message)) {
                    if (matched >= skip && items.size() < size) {
                        items.add(message);
                    }
                    matched++;
                }
            }
        }
        return items;
    }

    /** The page among all matches of candidates in their order, and how many match. */
    private Page everyMatch(List<SearchPostings.Posting> candidates, MessageSearch search, long skip, int size) {
        List<MessageDocument> items = new ArrayList<>();
        long matched = 0;
        for (int start = 0; start < candidates.size(); start += FETCH_CHUNK) {
            List<String> ids = candidates.subList(start, Math.min(candidates.size(), start + FETCH_CHUNK)).stream()
                    .map(SearchPostings.Posting::id).toList();
            for (MessageDocument message : fetchInOrder(ids)) {
                if (search.matches(message)) {
                    if (matched >= skip && items.size() < size) {
                        items.add(message);
                    }
                    matched++;
                }
            }
        }
        return new Page(items, matched);
    }

    /** The stored messages of these ids, in the same order, with what a page and the filters need. */
    private List<MessageDocument> fetchInOrder(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Query query = new Query(where(ID).in(ids));
        query.fields().include(ID, GUARDIAN_ID, BATCH_ID, REQUESTED_BY, RECIPIENT, SUBJECT, STATUS, ATTEMPTS,
                LAST_ERROR, CREATED_AT, SCHEDULED_FOR, SENT_AT, STATUS_VERSION, WORDS, SUBJECT_WORDS);
        Map<String, MessageDocument> byId = new HashMap<>();
        mongo.find(query, MessageDocument.class).forEach(message -> byId.put(message.id(), message));
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    /** A search by status or period alone: no search chain narrows it, so the log is read in its order. */
    private Page scan(MessageSearch search, int page, int size) {
        Criteria criteria = criteria(search);
        Query query = new Query(criteria).with(NEWEST_FIRST).skip((long) page * size).limit(size);
        query.fields().include(ID, GUARDIAN_ID, BATCH_ID, REQUESTED_BY, RECIPIENT, SUBJECT, STATUS, ATTEMPTS,
                LAST_ERROR, CREATED_AT, SCHEDULED_FOR, SENT_AT, STATUS_VERSION);
        List<MessageDocument> items = mongo.find(query, MessageDocument.class);
        return new Page(items, total(criteria, page, size, items.size()));
    }

    /** A page that is neither full nor empty tells its own total. */
    private long total(Criteria criteria, int page, int size, int found) {
        if (found > 0 && found < size || page == 0 && found == 0) {
            return (long) page * size + found;
        }
        return mongo.count(new Query(criteria), MessageDocument.class);
    }

    record Page(List<MessageDocument> items, long total) {
    }

    /** The scan's filter: status and creation period, the only filters a search without keys has. */
    private static Criteria criteria(MessageSearch search) {
        List<Criteria> all = new ArrayList<>();
        equal(all, STATUS, search.status());
        created(all, search.from(), search.to());
        return all.isEmpty() ? new Criteria() : new Criteria().andOperator(all);
    }

    private static void equal(List<Criteria> all, String field, Object value) {
        if (value != null) {
            all.add(where(field).is(value));
        }
    }

    private static void created(List<Criteria> all, Instant from, Instant to) {
        if (from == null && to == null) {
            return;
        }
        Criteria createdAt = where(CREATED_AT);
        if (from != null) {
            createdAt.gte(from);
        }
        if (to != null) {
            createdAt.lt(to);
        }
        all.add(createdAt);
    }

    /** Appends a reveal and returns the message as it is afterwards; empty if there is no such message. */
    Optional<MessageDocument> recordReveal(String id, MessageDocument.Reveal reveal) {
        return Optional.ofNullable(mongo.findAndModify(new Query(where(ID).is(id)),
                new Update().push(REVEALS, reveal), FindAndModifyOptions.options().returnNew(true),
                MessageDocument.class));
    }

    /** Queues a FAILED or SENT message again; empty if it is in another status (or does not exist). */
    Optional<MessageDocument> requeue(String id, Instant now) {
        Query requeueable = new Query(where(ID).is(id).and(STATUS).in(REQUEUEABLE));
        return Optional.ofNullable(mongo.findAndModify(requeueable, requeued(id, now),
                FindAndModifyOptions.options().returnNew(true), MessageDocument.class));
    }

    /**
     * Hands over, chunk by chunk, the messages in {@code status}, of a batch and a creation period if given, that
     * were in that status before {@code requestedAt}: a message this replay queued and delivery already re-sent is
     * not taken a second time. The messages of a batch are read by id from its search chain; the others are found by
     * one query on the log.
     */
    void forEachToRequeue(MessageStatus status, String batchId, Instant from, Instant to, Instant requestedAt,
            int chunkSize, Consumer<List<Requeueable>> chunkHandler) {
        List<Criteria> all = new ArrayList<>();
        equal(all, STATUS, status);
        all.add(where(STATUS_CHANGED_AT).lt(requestedAt));
        created(all, from, to);
        if (batchId != null) {
            forEachOfBatchToRequeue(all, batchId, chunkSize, chunkHandler);
            return;
        }
        Query query = new Query(new Criteria().andOperator(all));
        query.fields().include(ID, STATUS_VERSION, GUARDIAN_ID, BATCH_ID);
        query.cursorBatchSize(chunkSize);
        List<Requeueable> chunk = new ArrayList<>(chunkSize);
        try (Stream<Document> found = mongo.stream(query, Document.class, MessageDocument.COLLECTION)) {
            for (Iterator<Document> it = found.iterator(); it.hasNext(); ) {
                chunk.add(Requeueable.of(it.next()));
                if (chunk.size() == chunkSize) {
                    chunkHandler.accept(chunk);
                    chunk = new ArrayList<>(chunkSize);
                }
            }
        }
        if (!chunk.isEmpty()) {
            chunkHandler.accept(chunk);
        }
    }

    /** The batch's messages that meet the conditions, read by id from its search chain, a chunk of ids at a time. */
    private void forEachOfBatchToRequeue(List<Criteria> conditions, String batchId, int chunkSize,
            Consumer<List<Requeueable>> chunkHandler) {
        List<SearchPostings.Posting> batch = postings.all(postings.heads(Set.of(SearchPostings.batch(batchId))));
        for (int start = 0; start < batch.size(); start += chunkSize) {
            Query query = new Query(where(ID).in(batch.subList(start, Math.min(batch.size(), start + chunkSize))
                    .stream().map(SearchPostings.Posting::id).toList()).andOperator(conditions));
            query.fields().include(ID, STATUS_VERSION, GUARDIAN_ID, BATCH_ID);
            List<Requeueable> chunk = mongo.find(query, Document.class, MessageDocument.COLLECTION).stream()
                    .map(Requeueable::of)
                    .toList();
            if (!chunk.isEmpty()) {
                chunkHandler.accept(chunk);
            }
        }
    }

    /** A message a replay found: its version, and the ids its status event carries. */
    record Requeueable(String id, int statusVersion, String guardianId, String batchId) {

        private static Requeueable of(Document message) {
            return new Requeueable(message.getString(ID), message.getInteger(STATUS_VERSION, 0),
                    message.getString(GUARDIAN_ID), message.getString(BATCH_ID));
        }

        MessageVersion version() {
            return new MessageVersion(id, statusVersion);
        }

        /**
         * The message's change as {@link #requeue} stores it, with the fields {@link #findChanges} reads: what its
         * status event is made of, known without reading it back once the write applied.
         */
        MessageDocument requeued(Instant now) {
            return new MessageDocument(id, null, guardianId, batchId, null, null, null, null, null, null, null, null,
                    MessageStatus.PENDING, 0, null, null, now, null, null, null, null, null, null,
                    statusVersion + 1, id, now);
        }
    }

    /** Queues again those of these messages that have not changed since they were found; returns how many. */
    long requeue(Collection<Requeueable> found, Instant now) {
        if (found.isEmpty()) {
            return 0;
        }
        DriverBulk bulk = new DriverBulk();
        found.forEach(message -> bulk.updateOne(unchanged(message.version()), requeued(message.id(), now)));
        return bulk.execute(mongo, MessageDocument.COLLECTION).getModifiedCount();
    }

    /** Replays are explicit operator actions: due at once, with a fresh count of attempts. */
    private static Update requeued(String id, Instant now) {
        return statusChange(id, MessageStatus.PENDING, now)
                .set(ATTEMPTS, 0)
                .set(SCHEDULED_FOR, now)
                .unset(LAST_ERROR)
                .unset(SENT_AT)
                .unset(CLAIM_TOKEN)
                .unset(LEASE_UNTIL);
    }

    /**
     * Messages per status, of one batch or of the whole log; every status is present, zero if none. A batch is read
     * from its search chain, by id, rather than by scanning the log for it.
     */
    Map<MessageStatus, Long> countByStatus(String batchId) {
        Map<MessageStatus, Long> counts = new EnumMap<>(MessageStatus.class);
        for (MessageStatus status : MessageStatus.values()) {
            counts.put(status, 0L);
        }
        if (batchId == null) {
            mongo.aggregate(Aggregation.newAggregation(Aggregation.group(STATUS).count().as("count")),
                            MessageDocument.COLLECTION, Document.class)
                    .forEach(row -> counts.put(MessageStatus.valueOf(row.getString(ID)),
                            ((Number) row.get("count")).longValue()));
            return counts;
        }
        List<SearchPostings.Posting> batch = postings.all(postings.heads(Set.of(SearchPostings.batch(batchId))));
        for (int start = 0; start < batch.size(); start += FETCH_CHUNK) {
            Query query = new Query(where(ID).in(batch.subList(start, Math.min(batch.size(), start + FETCH_CHUNK))
                    .stream().map(SearchPostings.Posting::id).toList()));
            query.fields().include(ID, STATUS);
            mongo.find(query, Document.class, MessageDocument.COLLECTION)
                    .forEach(message -> counts.merge(MessageStatus.valueOf(message.getString(STATUS)), 1L, Long::sum));
        }
        return counts;
    }

    // ---- status events outbox

    /** The messages with only what their status event carries: no body, no sealed secret to read for nothing. */
    List<MessageDocument> findChanges(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Query query = new Query(where(ID).in(ids));
        includeChangeFields(query);
        return mongo.find(query, MessageDocument.class);
    }

    private static void includeChangeFields(Query query) {
        query.fields().include(ID, GUARDIAN_ID, BATCH_ID, STATUS, ATTEMPTS, LAST_ERROR, STATUS_VERSION,
                PENDING_EVENT, STATUS_CHANGED_AT, SCHEDULED_FOR);
    }

    /**
     * Clears the pending mark of published events. Each clear applies to the published version only: a message that
     * changed again since keeps its mark, so its newer event is still published.
     */
    void markEventsPublished(Collection<MessageVersion> published) {
        if (published.isEmpty()) {
            return;
        }
        DriverBulk bulk = new DriverBulk();
        published.forEach(message -> bulk.updateOne(unchanged(message), new Update().unset(PENDING_EVENT)));
        bulk.execute(mongo, MessageDocument.COLLECTION);
    }

    /**
     * Hands over, chunk by chunk, the status changes whose event is still unpublished although they happened
     * before {@code before}; returns how many there were.
     */
    int forEachUnpublishedChange(Instant before, int chunkSize, Consumer<List<MessageDocument>> chunkHandler) {
        // any pending mark, by the index alone; the few recent ones are left out here rather than in the query
        Query query = new Query(where(PENDING_EVENT).regex("^"));
        includeChangeFields(query);
        query.cursorBatchSize(chunkSize);
        int count = 0;
        List<MessageDocument> chunk = new ArrayList<>(chunkSize);
        try (Stream<MessageDocument> changes = mongo.stream(query, MessageDocument.class)) {
            for (Iterator<MessageDocument> it = changes.iterator(); it.hasNext(); ) {
                MessageDocument change = it.next();
                if (!change.statusChangedAt().isBefore(before)) {
                    continue;
                }
                chunk.add(change);
                count++;
                if (chunk.size() == chunkSize) {
                    chunkHandler.accept(chunk);
                    chunk = new ArrayList<>(chunkSize);
                }
            }
        }
        if (!chunk.isEmpty()) {
            chunkHandler.accept(chunk);
        }
        return count;
    }
}
