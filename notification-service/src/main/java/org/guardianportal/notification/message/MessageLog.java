package org.guardianportal.notification.message;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.guardianportal.contracts.MessageStatus;
import org.guardianportal.notification.message.MessageQueryParameters.LogQuery;
import org.guardianportal.notification.message.MessageQueryParameters.ReplaySelection;
import org.guardianportal.notification.message.MessageStore.Requeueable;
import org.guardianportal.notification.message.MessageViews.MessageDetail;
import org.guardianportal.notification.message.MessageViews.MessageItem;
import org.guardianportal.notification.message.MessageViews.MessagePage;
import org.guardianportal.notification.message.MessageViews.MessageStats;
import org.guardianportal.notification.web.RequestConflictException;
import org.guardianportal.notification.web.ResourceNotFoundException;
import org.guardianportal.secret.SecretSealer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/** The message log as administrators and operators use it: search, read, reveal, replay, count. */
@Service
class MessageLog {

    private static final Logger log = LoggerFactory.getLogger(MessageLog.class);
    private static final int REPLAY_CHUNK = 1_000;

    private final MessageStore store;
    private final DeliveryQueue queue;
    private final StatusEvents statusEvents;
    private final SecretSealer sealer;
    private final ApplicationEventPublisher applicationEvents;
    private final Clock clock;

    MessageLog(MessageStore store, DeliveryQueue queue, StatusEvents statusEvents, SecretSealer sealer,
            ApplicationEventPublisher applicationEvents, Clock clock) {
        this.store = store;
        this.queue = queue;
        this.statusEvents = statusEvents;
        this.sealer = sealer;
        this.applicationEvents = applicationEvents;
        this.clock = clock;
    }

    MessagePage search(LogQuery query) {
        MessageStore.Page found = store.search(query.search(), query.page(), query.size());
        return new MessagePage(found.items().stream().map(MessageItem::of).toList(), query.page(), query.size(),
                found.total());
    }

    MessageDetail detail(String id) {
        return MessageDetail.of(existing(id));
    }

    /**
     * The plaintext password of a message, for an administrator helping a guardian. The reveal is recorded
     * before the password is returned.
     */
    String reveal(String id, String by) {
        MessageDocument message = existing(id);
        String password = sealer.open(message.secret(), message.guardianId());
        store.recordReveal(id, new MessageDocument.Reveal(by, clock.instant()))
                .orElseThrow(() -> notFound(id));
        log.info("Password of message {} revealed to {}", id, by);
        return password;
    }

    /** Queues a FAILED or SENT message again; this instance's delivery starts at once. */
    MessageItem replay(String id) {
        MessageDocument message = existing(id);
        if (message.status() == MessageStatus.PENDING) {
            throw new RequestConflictException("replay.pending", id, String.valueOf(message.scheduledFor()));
        }
        if (message.status() == MessageStatus.SENDING) {
            throw new RequestConflictException("replay.sending", id);
        }
        Instant now = clock.instant();
        queue.schedule(Map.of(id, now));
        MessageDocument requeued = store.requeue(id, now)
                .orElseThrow(() -> new RequestConflictException("replay.changed", id));
        statusEvents.publish(List.of(requeued));
        applicationEvents.publishEvent(new MessagesQueued());
        log.info("Message {} queued again by replay", id);
        return MessageItem.of(requeued);
    }

    /**
     * Queues again every message that matches, as found by one query when the replay is asked, chunk by chunk;
     * returns how many were queued. This instance's delivery starts with the first chunk, while the others are queued.
     */
    long replayAll(ReplaySelection selection) {
        AtomicLong requeued = new AtomicLong();
        store.forEachToRequeue(selection.status(), selection.batchId(), selection.from(), selection.to(),
                clock.instant(), REPLAY_CHUNK, found -> requeued.addAndGet(requeue(found)));
        log.info("Replay of {} messages (batch {}, created {} .. {}): {} queued again", selection.status(),
                selection.batchId(), selection.from(), selection.to(), requeued.get());
        return requeued.get();
    }

    /**
     * The queue entries first, so a message is never PENDING without one; then the messages, then their events. When
     * every write applied, each message is as this replay left it, so its event is made from what was found; when
     * one did not (a message changed meanwhile), the changes are read back and those still awaiting their event
     * are published.
     */
    private long requeue(List<Requeueable> found) {
        Instant now = clock.instant();
        queue.schedule(found.stream().collect(Collectors.toMap(Requeueable::id, message -> now)));
        long changed = store.requeue(found, now);
        if (changed == found.size()) {
            statusEvents.publish(found.stream().map(message -> message.requeued(now)).toList());
        } else {
            statusEvents.publishCurrent(found.stream().map(Requeueable::id).toList());
        }
        applicationEvents.publishEvent(new MessagesQueued());
        return changed;
    }

    MessageStats stats(String batchId) {
        Map<MessageStatus, Long> byStatus = store.countByStatus(batchId);
        long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
        return new MessageStats(batchId, total, byStatus);
    }

    private MessageDocument existing(String id) {
        return store.findById(id).orElseThrow(() -> notFound(id));
    }

    private static ResourceNotFoundException notFound(String id) {
        return new ResourceNotFoundException("message.notFound", id);
    }
}
