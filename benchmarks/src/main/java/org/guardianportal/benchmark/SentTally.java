package org.guardianportal.benchmark;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.JsonNode;

/**
 * What {@code notification.status-changed.v1} has reported so far: per batch, each message reported SENT and the
 * latest time it was (a message replayed is sent again), and how many messages were reported FAILED. Thread-safe:
 * {@link SentEvents} takes events on its reader thread while the benchmark asks.
 */
final class SentTally {

    private static final Logger log = LoggerFactory.getLogger(SentTally.class);

    private final Map<String, Map<String, Instant>> sentByBatch = new ConcurrentHashMap<>();
    private final AtomicLong failed = new AtomicLong();

    /**
     * Takes one event, as published (JSON); any other status than SENT or FAILED is passed over. An event that cannot
     * be read (not JSON, a SENT without its time) is logged and left out, and the next ones are still taken.
     */
    void take(String event, long offset) {
        try {
            count(Gateway.JSON.readTree(event));
        } catch (RuntimeException unreadable) {
            log.warn("A status event the benchmark cannot read (offset {}): {}", offset, unreadable.getMessage());
        }
    }

    private void count(JsonNode event) {
        String status = event.path("status").asString();
        if ("FAILED".equals(status)) {
            failed.incrementAndGet();
        } else if ("SENT".equals(status)) {
            Instant sentAt = Instant.parse(event.path("occurredAt").asString());
            sentByBatch.computeIfAbsent(event.path("batchId").asString(), batch -> new ConcurrentHashMap<>())
                    .merge(event.path("messageId").asString(), sentAt, (seen, next) -> next.isAfter(seen) ? next : seen);
        }
    }

    /** Messages of the batch reported SENT at or after {@code since}. */
    long sentSince(String batchId, Instant since) {
        return sentByBatch.getOrDefault(batchId, Map.of()).values().stream()
                .filter(sentAt -> !sentAt.isBefore(since))
                .count();
    }

    /** Messages reported SENT, in every batch whose id starts with {@code prefix}. */
    long sentInBatches(String prefix) {
        return sentByBatch.entrySet().stream()
                .filter(batch -> batch.getKey().startsWith(prefix))
                .mapToLong(batch -> batch.getValue().size())
                .sum();
    }

    /** Messages reported FAILED. */
    long failed() {
        return failed.get();
    }
}
