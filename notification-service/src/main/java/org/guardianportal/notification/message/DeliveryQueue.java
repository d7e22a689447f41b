package org.guardianportal.notification.message;

import static org.guardianportal.notification.message.MessageDocument.Fields.ID;
import static org.guardianportal.notification.message.MessageDocument.Fields.LEASE_UNTIL;
import static org.guardianportal.notification.message.MessageDocument.Fields.SCHEDULED_FOR;
import static org.guardianportal.notification.message.MessageDocument.Fields.STATUS;
import static org.guardianportal.notification.message.MessageDocument.Fields.STATUS_VERSION;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.bson.Document;
import org.guardianportal.contracts.MessageStatus;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The messages waiting for delivery, in a lean collection of their own: one entry {@code {_id: messageId, dueAt}}
 * per PENDING or SENDING message, due at its {@code scheduledFor}, or at its {@code leaseUntil} while SENDING.
 * Finding due work reads these small entries, never the message log, whatever the size of the log.
 *
 * <p>The message stays the truth: an entry is only a pointer to look at. It is written before the message change
 * that makes a message PENDING, and removed after the change that makes it SENT or FAILED, so a crash between the
 * two writes leaves at worst a stale entry, never a queued message without one. A stale entry is repaired or
 * removed when it comes due; removals are conditional on the {@code dueAt} that was read, so they never remove an
 * entry a replay has just written again.
 */
@Repository
public class DeliveryQueue implements InitializingBean {

    static final String COLLECTION = "deliveryQueue";
    private static final String DUE_AT = "dueAt";

    private final MongoTemplate mongo;

    DeliveryQueue(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The indexes, and an entry for each queued message stored before this collection existed. */
    @Override
    public void afterPropertiesSet() {
        // the conditional removals, {_id, dueAt}, are found by the _id index, on any store
        StoreIndexes.dropIfPresent(mongo.indexOps(COLLECTION), "id_dueAt");
        mongo.indexOps(COLLECTION).createIndex(new Index().on(DUE_AT, Sort.Direction.ASC).named("dueAt"));
        if (mongo.estimatedCount(COLLECTION) == 0) {
            enqueueStoredMessages();
        }
    }

    private void enqueueStoredMessages() {
        Query queued = new Query(where(STATUS).in(MessageStatus.PENDING, MessageStatus.SENDING));
        queued.fields().include(ID, STATUS, SCHEDULED_FOR, LEASE_UNTIL);
        List<Document> messages = mongo.find(queued, Document.class, MessageDocument.COLLECTION);
        if (messages.isEmpty()) {
            return;
        }
        DriverBulk bulk = new DriverBulk();
        messages.forEach(message -> bulk.upsert(new Query(where(ID).is(message.getString(ID))),
                new Update().setOnInsert(DUE_AT, dueAt(message))));
        bulk.execute(mongo, COLLECTION);
    }

    /**
     * Announces that these messages are about to become PENDING, due at the given times. Call it before the
     * message write: if that write does not happen, the entry is stale, which delivery tolerates.
     */
    public void schedule(Map<String, Instant> dueAtById) {
        if (dueAtById.isEmpty()) {
            return;
        }
        DriverBulk bulk = new DriverBulk();
        dueAtById.forEach((id, dueAt) -> bulk.upsert(new Query(where(ID).is(id)), new Update().set(DUE_AT, dueAt)));
        bulk.execute(mongo, COLLECTION);
    }

    /** Removes the entries of messages that were never stored (an intake duplicate: its fresh id exists nowhere). */
    public void forget(Collection<String> neverStoredIds) {
        if (neverStoredIds.isEmpty()) {
            return;
        }
        mongo.remove(new Query(where(ID).in(neverStoredIds)), COLLECTION);
    }

    /**
     * The messages due at {@code now}, up to {@code limit}, as read from the log: PENDING and scheduled, or SENDING
     * with an expired lease. Their entries are moved to the end of the lease about to be taken, so a later search
     * does not find them again while they are being sent (or, after a crash, finds them once that lease is over).
     * Entries met on the way that no longer match their message are repaired or removed.
     */
    public List<MessageVersion> takeDue(Instant now, int limit, Duration lease) {
        Query dueEntries = new Query(where(DUE_AT).lte(now)).limit(limit);
        List<Document> entries = mongo.find(dueEntries, Document.class, COLLECTION);
        if (entries.isEmpty()) {
            return List.of();
        }
        Map<String, Document> messages = deliveryStates(entries.stream().map(entry -> entry.getString(ID)).toList());
        List<MessageVersion> due = new ArrayList<>();
        DriverBulk repairs = new DriverBulk();
        for (Document entry : entries) {
            Document message = messages.get(entry.getString(ID));
            Instant messageDue = message == null ? null : dueAt(message);
            Query unchanged = new Query(where(ID).is(entry.getString(ID)).and(DUE_AT).is(entry.getDate(DUE_AT)));
            if (messageDue == null) {
                // SENT, FAILED or not stored; recent, it may be a replay or an intake between its two writes
                if (entry.getDate(DUE_AT).toInstant().isBefore(now.minus(lease))) {
                    repairs.removeOne(unchanged);
                }
            } else if (isDue(message, now)) {
                due.add(new MessageVersion(message.getString(ID), message.getInteger(STATUS_VERSION, 0)));
            } else {
                repairs.updateOne(unchanged, new Update().set(DUE_AT, messageDue));
            }
        }
        if (!repairs.isEmpty()) {
            repairs.execute(mongo, COLLECTION);
        }
        hold(due, now.plus(lease));
        return due;
    }

    private Map<String, Document> deliveryStates(List<String> ids) {
        Query byIds = new Query(where(ID).in(ids));
        byIds.fields().include(ID, STATUS, STATUS_VERSION, SCHEDULED_FOR, LEASE_UNTIL);
        return mongo.find(byIds, Document.class, MessageDocument.COLLECTION).stream()
                .collect(Collectors.toMap(message -> message.getString(ID), Function.identity()));
    }

    /** When a message in the log is due: its schedule while PENDING, the end of its lease while SENDING. */
    private static Instant dueAt(Document message) {
        String status = message.getString(STATUS);
        if (MessageStatus.PENDING.name().equals(status)) {
            return message.getDate(SCHEDULED_FOR).toInstant();
        }
        if (MessageStatus.SENDING.name().equals(status)) {
            return message.getDate(LEASE_UNTIL).toInstant();
        }
        return null;
    }

    private static boolean isDue(Document message, Instant now) {
        Instant dueAt = dueAt(message);
        return MessageStatus.PENDING.name().equals(message.getString(STATUS)) ? !dueAt.isAfter(now)
                : dueAt.isBefore(now);
    }

    private void hold(List<MessageVersion> due, Instant until) {
        if (due.isEmpty()) {
            return;
        }
        DriverBulk bulk = new DriverBulk();
        due.forEach(message -> bulk.updateOne(new Query(where(ID).is(message.id())),
                new Update().set(DUE_AT, until)));
        bulk.execute(mongo, COLLECTION);
    }

    /**
     * Removes the entries of claimed messages that are now SENT or FAILED; call it after recording that. Each
     * removal applies only while the entry still ends with the claim's lease: one written since by a replay stays.
     */
    public void release(Collection<MessageDocument> claimed) {
        if (claimed.isEmpty()) {
            return;
        }
        DriverBulk bulk = new DriverBulk();
        claimed.forEach(message -> bulk.removeOne(
                new Query(where(ID).is(message.id()).and(DUE_AT).is(message.leaseUntil()))));
        bulk.execute(mongo, COLLECTION);
    }
}
