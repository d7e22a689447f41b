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
import java.util.function.Function;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.guardianportal.contracts.MessageStatus;
import org.guardianportal.contracts.NotificationStatusChanged;
import org.guardianportal.contracts.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
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
 *
 * <p>The events published together (a chunk of delivery, of a replay, of intake) share one span, a child of the
 * current one if there is one (a replay's request), and each carries its trace context in its headers. Kafka's
 * template would make a span and two timers for every event: while 10,000 messages were delivered (30,000 events),
 * that was an eighth of this service's CPU, half of it on the producer's one network thread.
 */
@Component
public class StatusEvents {

    private static final Logger log = LoggerFactory.getLogger(StatusEvents.class);
    private static final int RELAY_PAGE = 1_000;

    private static final String CHUNK_OBSERVATION = "notification.status-events";

    private final KafkaTemplate<String, Object> kafka;
    private final ObservationRegistry observations;
    private final Tracer tracer;
    private final Propagator propagator;
    private final MessageStore store;
    private final Clock clock;
    private final Duration relayAfter;
    private final Duration dueMarkKept;
    private final Queue<MessageVersion> acknowledged = new ConcurrentLinkedQueue<>();
    /** Acknowledged changes to PENDING, due when made, and when to unmark them if no claim has replaced the mark. */
    private final Queue<KeptMark> acknowledgedDue = new ConcurrentLinkedQueue<>();

    @SuppressWarnings("unchecked")
    StatusEvents(ProducerFactory<?, ?> producers, ObservationRegistry observations, Tracer tracer,
            Propagator propagator, MessageStore store, Clock clock, StatusEventSettings settings) {
        this.kafka = new KafkaTemplate<>((ProducerFactory<String, Object>) producers);
        this.kafka.setMicrometerEnabled(false);
        this.observations = observations;
        this.tracer = tracer;
        this.propagator = propagator;
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
        if (!changed.isEmpty()) {
            inChunkSpan(headers -> publish(changed, headers));
        }
    }

    private Void publish(List<MessageDocument> changed, List<Header> headers) {
        Instant now = clock.instant();
        for (MessageDocument message : changed) {
            NotificationStatusChanged event = eventOf(message);
            MessageVersion published = MessageVersion.of(message);
            boolean due = message.status() == MessageStatus.PENDING && message.scheduledFor() != null
                    && !message.scheduledFor().isAfter(now);
            try {
                send(message.guardianId(), event, headers)
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
                return null;
            }
        }
        return null;
    }

    private CompletableFuture<?> send(String guardianId, NotificationStatusChanged event, List<Header> headers) {
        return kafka.send(new ProducerRecord<>(Topics.NOTIFICATION_STATUS_CHANGED, null, guardianId, event, headers));
    }

    /** Runs the sends of one chunk in a span of its own, and gives them its trace context as headers. */
    private <T> T inChunkSpan(Function<List<Header>, T> sends) {
        Observation chunk = Observation.start(CHUNK_OBSERVATION, observations);
        try (Observation.Scope scope = chunk.openScope()) {
            List<Header> headers = new ArrayList<>();
            TraceContext context = tracer.currentTraceContext().context();
            if (context != null) {
                propagator.inject(context, headers, (carrier, key, value) -> carrier.add(
                        new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8))));
            }
            return sends.apply(headers);
        } finally {
            chunk.stop();
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
        return inChunkSpan(headers -> publishBeforeStoring(changes, wait, headers));
    }

    private Set<String> publishBeforeStoring(List<NotificationStatusChanged> changes, Duration wait,
            List<Header> headers) {
        Map<String, CompletableFuture<?>> sends = new LinkedHashMap<>();
        try {
            for (NotificationStatusChanged change : changes) {
                sends.put(change.messageId(), send(change.guardianId(), change, headers));
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
