package org.guardianportal.credential.password;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.apache.kafka.common.header.Headers;
import org.guardianportal.contracts.CredentialIssued;
import org.guardianportal.contracts.Topics;
import org.guardianportal.credential.messaging.RelayRounds;
import org.guardianportal.credential.CredentialSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Produces {@code credential.issued.v1} from the credentials' outboxes and empties them in bulk shortly after Kafka
 * acknowledged. A relay produces again the events still waiting (the same event, same eventId: consumers drop the
 * copy).
 */
@Component
class IssuedEventPublisher implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(IssuedEventPublisher.class);

    private final KafkaTemplate<Object, Object> kafka;
    private final CommandTraces traces;
    private final CredentialStore store;
    private final CredentialSettings.Outbox outbox;
    private final Clock clock;
    private final Queue<CredentialIssued> acknowledged = new ConcurrentLinkedQueue<>();

    IssuedEventPublisher(KafkaTemplate<Object, Object> kafka, CommandTraces traces, CredentialStore store,
            CredentialSettings settings, Clock clock) {
        this.kafka = kafka;
        this.traces = traces;
        this.store = store;
        this.outbox = settings.outbox();
        this.clock = clock;
    }

    /**
     * Produces without waiting, each event continuing the trace of its command's record ({@code commandOfEvent}, by
     * event id); what Kafka does not acknowledge stays in the outbox for the relay.
     */
    void publish(List<CredentialIssued> events, Map<UUID, Headers> commandOfEvent) {
        for (CredentialIssued event : events) {
            try {
                traces.within(commandOfEvent.get(event.eventId()),
                        () -> kafka.send(Topics.CREDENTIAL_ISSUED, event.guardianId(), event))
                        .whenComplete((result, error) -> {
                            if (error == null) {
                                acknowledged.add(event);
                            }
                        });
            } catch (RuntimeException kafkaUnavailable) {
                log.warn("Could not produce credential.issued.v1; the relay will: {}", kafkaUnavailable.toString());
                return;
            }
        }
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::clearAcknowledged, outbox.acknowledgeInterval());
        registrar.addFixedDelayTask(this::relay, outbox.relayInterval());
    }

    /** Empties the outboxes of the events Kafka acknowledged since the last run. */
    void clearAcknowledged() {
        List<CredentialIssued> batch = new ArrayList<>();
        CredentialIssued next;
        while ((next = acknowledged.poll()) != null) {
            batch.add(next);
        }
        try {
            store.clearPending(batch);
        } catch (RuntimeException e) {
            // the outboxes stay full; the relay produces these events once more, with the same ids
            log.warn("Could not empty the outboxes of {} acknowledged issued events: {}", batch.size(), e.toString());
        }
    }

    void relay() {
        try {
            Instant cutoff = clock.instant().minus(outbox.relayAfter());
            int relayed = RelayRounds.publishWaiting(() -> store.pendingSince(cutoff, outbox.relayChunk()),
                    outbox.relayChunk(), this::publishAndWait);
            if (relayed > 0) {
                log.info("Relayed {} credential.issued.v1 events that Kafka had not acknowledged", relayed);
            }
        } catch (RuntimeException e) {
            log.warn("Issued-event relay round failed, retrying next round: {}", e.toString());
        }
    }

    private int publishAndWait(List<Credential> waiting) {
        List<CredentialIssued> published = new ArrayList<>();
        for (Credential credential : waiting) {
            CredentialIssued event = credential.pendingIssue().toEvent(credential.guardianId());
            try {
                kafka.send(Topics.CREDENTIAL_ISSUED, event.guardianId(), event).join();
            } catch (CompletionException | CancellationException notAcknowledged) {
                break;
            }
            published.add(event);
        }
        store.clearPending(published);
        return published.size();
    }
}
