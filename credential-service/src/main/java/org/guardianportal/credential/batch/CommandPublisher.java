package org.guardianportal.credential.batch;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

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
 * Produces a batch's {@code credential.commands.v1} and marks each item published once Kafka acknowledged it.
 * A relay produces again whatever stayed unpublished (Kafka down, process stopped): nothing queued is lost, and
 * a command produced twice is harmless because the consumer is idempotent by commandId.
 */
@Component
class CommandPublisher implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(CommandPublisher.class);
    /** Chunks relayed in one go at most: the next round goes on, and a scheduler thread is never held forever. */

    private final KafkaTemplate<Object, Object> kafka;
    private final BatchStore store;
    private final TaskExecutor executor;
    private final CredentialSettings.Outbox outbox;
    private final Clock clock;

    CommandPublisher(KafkaTemplate<Object, Object> kafka, BatchStore store,
            @Qualifier("applicationTaskExecutor") TaskExecutor executor, CredentialSettings settings, Clock clock) {
        this.kafka = kafka;
        this.store = store;
        this.executor = executor;
        this.outbox = settings.outbox();
        this.clock = clock;
    }

    void publishInBackground(String batchId, List<BatchItemDocument> items) {
        if (items.isEmpty()) {
            return;
        }
        executor.execute(() -> {
            try {
                int published = publish(items);
                if (published < items.size()) {
                    log.warn("Batch {}: Kafka acknowledged {} of {} commands; the relay will produce the others",
                            batchId, published, items.size());
                }
            } catch (RuntimeException e) {
                log.warn("Batch {}: producing its commands failed; the relay will produce them: {}", batchId,
                        e.toString());
            }
        });
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::relay, outbox.relayInterval());
    }

    /** Produces, chunk by chunk, the commands still unpublished after {@code relay-after}. */
    void relay() {
        try {
            Instant cutoff = clock.instant().minus(outbox.relayAfter());
            int relayed = RelayRounds.publishWaiting(() -> store.unpublished(cutoff, outbox.relayChunk()),
                    outbox.relayChunk(), this::publish);
            if (relayed > 0) {
                log.info("Relayed {} credential commands that Kafka had not acknowledged", relayed);
            }
        } catch (RuntimeException e) {
            log.warn("Credential command relay round failed, retrying next round: {}", e.toString());
        }
    }

    /** Sends the commands, waits for Kafka's acknowledgements and marks the acknowledged items published. */
    private int publish(List<BatchItemDocument> items) {
        Map<String, CompletableFuture<?>> sent = new LinkedHashMap<>();
        for (BatchItemDocument item : items) {
            try {
                sent.put(item.id(), kafka.send(Topics.CREDENTIAL_COMMANDS, item.guardianId(), item.toCommand()));
            } catch (RuntimeException kafkaUnavailable) {
                // send blocks for metadata when the broker is gone: stop here rather than wait on every item
                log.warn("Could not produce credential commands: {}", kafkaUnavailable.toString());
                break;
            }
        }
        List<String> acknowledged = new ArrayList<>(sent.size());
        sent.forEach((itemId, future) -> {
            try {
                future.join();
                acknowledged.add(itemId);
            } catch (CompletionException | CancellationException notAcknowledged) {
                // stays unpublished for the relay
            }
        });
        store.markPublished(acknowledged);
        return acknowledged.size();
    }
}
