package org.guardianportal.guardian.guardian;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextSnapshotFactory;

import org.guardianportal.contracts.GuardianEmailUpdated;
import org.guardianportal.contracts.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.stereotype.Component;

/**
 * Publishes {@code guardian.email-updated.v1} after the write that made the events, and removes each event from
 * its guardian's outbox once the broker acknowledged it. Sends happen on one thread, so a guardian's events leave
 * in the order they were written, and a request never waits for Kafka. An event that is not acknowledged stays in
 * the outbox for the {@link OutboxRelay}.
 */
@Component
class EmailEventPublisher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(EmailEventPublisher.class);
    private static final int REMEMBERED_ACKNOWLEDGEMENTS = 50_000;

    private final KafkaOperations<String, Object> kafka;
    private final GuardianStore store;
    /** Carries the caller's trace context to the sender, so an event continues the trace of the request that caused it. */
    private final ExecutorService sender = ContextExecutorService.wrap(
            Executors.newSingleThreadExecutor(named("guardian-event-sender")), ContextSnapshotFactory.builder().build());
    private final ExecutorService acknowledgements = Executors.newSingleThreadExecutor(named("guardian-event-acks"));
    /** Events sent and not yet settled: a later batch that still finds them in an outbox must not send them twice. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    /** Recently acknowledged events: a batch read before their removal from the outbox must not send them again. */
    private final Set<String> acknowledged = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED_ACKNOWLEDGEMENTS;
                }
            }));

    EmailEventPublisher(KafkaOperations<String, Object> kafka, GuardianStore store) {
        this.kafka = kafka;
        this.store = store;
    }

    /** Hands the events to the sender thread and returns at once. */
    void publishAfterWrite(List<PendingEvents> pending) {
        if (!pending.isEmpty()) {
            publish(pending).exceptionally(failure -> {
                log.warn("Publishing guardian events failed ({}); the relay will retry them", rootMessage(failure));
                return 0;
            });
        }
    }

    /** Publishes and completes, with the number of events acknowledged, once they are out of the outbox. */
    CompletableFuture<Integer> publish(List<PendingEvents> pending) {
        return CompletableFuture.supplyAsync(() -> send(pending), sender).thenCompose(sends -> sends);
    }

    private CompletableFuture<Integer> send(List<PendingEvents> batch) {
        List<Sent> sent = new ArrayList<>();
        int events = 0;
        batches:
        for (PendingEvents guardian : batch) {
            List<GuardianEmailUpdated> sending = new ArrayList<>();
            List<CompletableFuture<?>> acks = new ArrayList<>();
            sent.add(new Sent(guardian.guardianId(), sending, acks));
            for (GuardianEmailUpdated event : guardian.events()) {
                String eventId = event.eventId().toString();
                boolean alreadyPublished = acknowledged.contains(eventId);
                if (!alreadyPublished && !inFlight.add(eventId)) {
                    // an earlier batch is sending it, in order, before anything this batch sends
                    continue;
                }
                // already published: not sent again, only removed from the outbox (again, if that failed before)
                CompletableFuture<?> ack = alreadyPublished ? CompletableFuture.completedFuture(null) : sendOne(event);
                sending.add(event);
                acks.add(ack);
                events++;
                if (ack.isCompletedExceptionally()) {
                    // the broker could not even be reached: the rest would wait just as long, so leave it to the relay
                    break batches;
                }
            }
        }
        if (events > 1) {
            kafka.flush();
        }
        CompletableFuture<?>[] all = sent.stream().flatMap(s -> s.acks().stream())
                .map(ack -> ack.handle((result, failure) -> null)).toArray(CompletableFuture[]::new);
        int total = events;
        return CompletableFuture.allOf(all).thenApplyAsync(settled -> settle(sent, total), acknowledgements);
    }

    private CompletableFuture<?> sendOne(GuardianEmailUpdated event) {
        try {
            return kafka.send(Topics.GUARDIAN_EMAIL_UPDATED, event.guardianId(), event);
        } catch (RuntimeException unreachable) {
            return CompletableFuture.failedFuture(unreachable);
        }
    }

    private int settle(List<Sent> sent, int total) {
        try {
            return removeAcknowledged(sent, total);
        } finally {
            sent.forEach(guardian -> guardian.events().forEach(event -> inFlight.remove(event.eventId().toString())));
        }
    }

    private int removeAcknowledged(List<Sent> sent, int total) {
        Map<String, List<String>> publishedIds = new LinkedHashMap<>();
        int published = 0;
        Throwable firstFailure = null;
        for (Sent guardian : sent) {
            List<GuardianEmailUpdated> events = guardian.events();
            int i = 0;
            // only an unbroken prefix counts as published: a later event must never overtake an earlier one
            while (i < guardian.acks().size() && !guardian.acks().get(i).isCompletedExceptionally()) {
                publishedIds.computeIfAbsent(guardian.guardianId(), id -> new ArrayList<>())
                        .add(events.get(i).eventId().toString());
                i++;
            }
            published += i;
            if (firstFailure == null && i < guardian.acks().size()) {
                firstFailure = guardian.acks().get(i).handle((result, failure) -> failure).join();
            }
        }
        publishedIds.values().forEach(acknowledged::addAll);
        store.removePublished(publishedIds);
        if (published < total) {
            log.warn("{} guardian event(s) not acknowledged by Kafka ({}); they stay in the outbox for the relay",
                    total - published, firstFailure == null ? "not sent" : rootMessage(firstFailure));
        }
        return published;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @Override
    public void destroy() {
        sender.shutdown();
        acknowledgements.shutdown();
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private record Sent(String guardianId, List<GuardianEmailUpdated> events, List<CompletableFuture<?>> acks) {
    }
}
