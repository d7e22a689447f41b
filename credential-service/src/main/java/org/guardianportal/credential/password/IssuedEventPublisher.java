package org.guardianportal.credential.password;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

import org.guardianportal.contracts.CredentialIssued;
import org.guardianportal.contracts.Topics;
import org.guardianportal.credential.messaging.RelayRounds;
import org.guardianportal.credential.CredentialSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Produces {@code credential.issued.v1} from a credential's outbox and empties the outbox once Kafka acknowledged
 * it. A relay produces again the events still waiting (the same event, same eventId: consumers drop the copy).
 */
@Component
class IssuedEventPublisher implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(IssuedEventPublisher.class);
    /** Chunks relayed in one go at most: the next round goes on, and a scheduler thread is never held forever. */

    private final KafkaTemplate<Object, Object> kafka;
    private final CredentialStore store;
    private final TaskExecutor executor;
    private final CredentialSettings.Outbox outbox;
    private final Clock clock;

    IssuedEventPublisher(KafkaTemplate<Object, Object> kafka, CredentialStore store,
            @Qualifier("applicationTaskExecutor") TaskExecutor executor, CredentialSettings settings, Clock clock) {
        this.kafka = kafka;
        this.store = store;
        this.executor = executor;
        this.outbox = settings.outbox();
        this.clock = clock;
    }

    /** Produces without waiting; if Kafka does not acknowledge, the event stays in the outbox for the relay. */
    void publish(CredentialIssued event) {
        try {
            kafka.send(Topics.CREDENTIAL_ISSUED, event.guardianId(), event)
                    // off the producer's network thread: emptying the outbox is a MongoDB write
                    .whenCompleteAsync((result, error) -> {
                        if (error == null) {
                            store.clearPending(event.guardianId(), event.eventId().toString());
                        }
                    }, executor);
        } catch (RuntimeException kafkaUnavailable) {
            log.warn("Could not produce credential.issued.v1 for guardian {}; the relay will: {}",
                    event.guardianId(), kafkaUnavailable.toString());
        }
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::relay, outbox.relayInterval());
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
        int published = 0;
        for (Credential credential : waiting) {
            CredentialIssued event = credential.pendingIssue().toEvent(credential.guardianId());
            try {
                kafka.send(Topics.CREDENTIAL_ISSUED, event.guardianId(), event).join();
            } catch (CompletionException | CancellationException notAcknowledged) {
                break;
            }
            store.clearPending(event.guardianId(), event.eventId().toString());
            published++;
        }
        return published;
    }
}
