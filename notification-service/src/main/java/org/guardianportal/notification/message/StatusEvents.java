package org.guardianportal.notification.message;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.guardianportal.contracts.MessageStatus;
import org.guardianportal.contracts.NotificationStatusChanged;
import org.guardianportal.contracts.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes {@code notification.status-changed.v1} for every status change.
 *
 * <p>A change made by intake, a claim or a replay is stored with a pending mark (the outbox), then published;
 * publishing does not wait for Kafka: acknowledged events are unmarked in bulk shortly after, and whatever stays
 * marked (Kafka was down, the instance stopped) is published again by the relay. A delivery's outcome is published
 * just before it is stored, and stored marked only if Kafka has not acknowledged it by then
 * ({@link #publishBeforeStoring}). The event id is derived from the message id and its status version, so a
 * republished event carries the same id and consumers drop the duplicate.
 */
@Component
public class StatusEvents {

    private static final Logger log = LoggerFactory.getLogger(StatusEvents.class);
    private static final int RELAY_PAGE = 1_000;

    private final KafkaTemplate<String, Object> kafka;
    private final MessageStore store;
    private final Clock clock;
    private final Duration relayAfter;
    private final Duration dueMarkKept;
    private final Queue<MessageVersion> acknowledged = new ConcurrentLinkedQueue<>();
    /** Acknowledged changes to PENDING, due when made, and when to unmark them if no claim has replaced the mark. */
    private final Queue<KeptMark> acknowledgedDue = new ConcurrentLinkedQueue<>();

    StatusEvents(KafkaTemplate<String, Object> kafka, MessageStore store, Clock clock,
            StatusEventSettings settings) {
        this.kafka = kafka;
        this.store = store;
        this.clock = clock;
        this.relayAfter = settings.relayAfter();
        this.dueMarkKept = settings.relayAfter().dividedBy(3);
    }

    /** Publishes the pending change of each of these messages, as it is stored now. */
    public void publishCurrent(Collection<String> messageIds) {
        publish(store.findChanges(messageIds).stream()
                .filter(message -> message.pendingEvent() != null)
                .toList());
    }

    /**
     * Publishes the change each message carries (its status, attempts and last error at that version). A SENDING
     * mark is not cleared: the outcome is recorded within seconds and replaces it, so clearing it would only cost
     * two more index writes per message; if the outcome never comes (a crash), the relay publishes the
     * SENDING event again, with the same id. A PENDING mark of a message due now is cleared only a third of
     * {@code relay-after} later: the claim, at the next delivery run, usually replaces it first, and the clear then
     * finds no message at that version instead of rewriting the message (an update of the whole document here).
     */
    public void publish(List<MessageDocument> changed) {
        Instant now = clock.instant();
        for (MessageDocument message : changed) {
            NotificationStatusChanged event = eventOf(message);
            MessageVersion published = MessageVersion.of(message);
            boolean due = message.status() == MessageStatus.PENDING && message.scheduledFor() != null
                    && !message.scheduledFor().isAfter(now);
            try {
                kafka.send(Topics.NOTIFICATION_STATUS_CHANGED, message.guardianId(), event)
                        .whenComplete((result, failure) -> {
                            if (failure != null || message.status() == MessageStatus.SENDING) {
                                return;
                            }
                            if (due) {
                                acknowledgedDue.add(new KeptMark(published, now.plus(dueMarkKept)));
                            } else {
                                acknowledged.add(published);
                            }
                        });
            } catch (RuntimeException e) {
                // Kafka unreachable: the rest stays marked and the relay publishes it later
                log.warn("Status events not published now, the relay will retry: {}", e.getMessage());
                return;
            }
        }
    }

    /**
     * Publishes the events of changes about to be stored and waits, up to {@code wait}, for Kafka to acknowledge
     * them; returns the ids of the messages whose event it acknowledged. Those changes are stored without a pending
     * mark, so no later write has to clear one; the others are stored marked, and the relay publishes them again
     * with the same ids. If the change is then not stored (the store failed, or the lease had run out and another
     * instance claimed the message), the event told of what did happen (the mail was sent, or not) but was not
     * recorded here: the message is sent again by whoever claims it next, and its later events follow this one. That
     * next claim's SENDING event has the same id as this one (the same version), so consumers drop it as a duplicate;
     * the outcome after it has a new id.
     */
    public Set<String> publishBeforeStoring(List<NotificationStatusChanged> changes, Duration wait) {
        Map<String, CompletableFuture<?>> sends = new LinkedHashMap<>();
        try {
            for (NotificationStatusChanged change : changes) {
                sends.put(change.messageId(), kafka.send(Topics.NOTIFICATION_STATUS_CHANGED, change.guardianId(),
                        change));
            }
            CompletableFuture.allOf(sends.values().toArray(CompletableFuture[]::new))
                    .get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.warn("Status events not all acknowledged now, the relay will retry: {}", e.getMessage());
        }
        Set<String> acknowledged = new HashSet<>();
        sends.forEach((messageId, send) -> {
            if (send.isDone() && !send.isCompletedExceptionally()) {
                acknowledged.add(messageId);
            }
        });
        return acknowledged;
    }

    /**
     * The event of a claimed message's next change, made before the change is stored: it has the id the stored
     * change would give it (one version further), so a relayed copy is dropped as a duplicate.
     */
    public static NotificationStatusChanged nextChange(MessageDocument claimed, MessageStatus status, int attempts,
            String lastError, Instant at) {
        return new NotificationStatusChanged(eventId(claimed.id(), claimed.statusVersion() + 1), at, claimed.id(),
                claimed.guardianId(), claimed.batchId(), status, attempts, lastError);
    }

    static NotificationStatusChanged eventOf(MessageDocument message) {
        return new NotificationStatusChanged(eventId(message.id(), message.statusVersion()),
                message.statusChangedAt(), message.id(), message.guardianId(), message.batchId(), message.status(),
                message.attempts(), message.lastError());
    }

    static UUID eventId(String messageId, int statusVersion) {
        return UUID.nameUUIDFromBytes((messageId + "#" + statusVersion).getBytes(StandardCharsets.UTF_8));
    }

    /** Unmarks the events Kafka acknowledged since the last run, and the kept marks whose time has come. */
    void clearAcknowledged() {
        List<MessageVersion> batch = new ArrayList<>();
        MessageVersion next;
        while ((next = acknowledged.poll()) != null) {
            batch.add(next);
        }
        Instant now = clock.instant();
        KeptMark kept;
        // this task is the only taker, so the head it saw is the head it takes
        while ((kept = acknowledgedDue.peek()) != null && !kept.clearAt().isAfter(now)) {
            acknowledgedDue.poll();
            batch.add(kept.version());
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            store.markEventsPublished(batch);
        } catch (RuntimeException e) {
            // the marks stay; the relay will publish these events once more, with the same ids
            log.warn("Could not record {} published status events: {}", batch.size(), e.getMessage());
        }
    }

    private record KeptMark(MessageVersion version, Instant clearAt) {
    }

    /** Publishes again the changes that have waited longer than {@code relay-after} (Kafka was down, a crash). */
    void relay() {
        try {
            int relayed = store.forEachUnpublishedChange(clock.instant().minus(relayAfter), RELAY_PAGE, this::publish);
            if (relayed > 0) {
                log.info("Relayed {} unpublished status events", relayed);
            }
        } catch (RuntimeException e) {
            log.warn("Status event relay failed, next run will retry: {}", e.getMessage());
        }
    }
}
