package org.guardianportal.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.guardianportal.contracts.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.JsonNode;

/**
 * The messages notification-service reports SENT or FAILED on {@code notification.status-changed.v1}, read as a
 * district system reads them, from the moment the watch starts. It is how seeding and B4 learn that messages were sent
 * without asking the store: the log's counts read every message of the whole log (100,000 while seeding) or of the
 * batch (10,000 in B4), and asked every half second they were a large share of the store's work during the very
 * delivery they measured. A SENT event is published just before the SENT status is stored, so the counts are read
 * once at the end, to confirm, and B4's time ends with that confirmation.
 */
final class SentEvents implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SentEvents.class);

    /** Per batch, each message reported SENT and the latest time it was (a message replayed is sent again). */
    private final Map<String, Map<String, Instant>> sentByBatch = new ConcurrentHashMap<>();
    private final AtomicLong failed = new AtomicLong();
    private final KafkaConsumer<String, String> consumer;
    private final Thread reader;

    private SentEvents(KafkaConsumer<String, String> consumer) {
        this.consumer = consumer;
        this.reader = new Thread(this::read, "sent-events");
        this.reader.setDaemon(true);
    }

    /** Watches from the end of the topic as it is now: every event published after this returns is seen. */
    static SentEvents watch(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.NOTIFICATION_STATUS_CHANGED).stream()
                .map(partition -> new TopicPartition(partition.topic(), partition.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolves the end now, not at the first poll
        SentEvents events = new SentEvents(consumer);
        events.reader.start();
        return events;
    }

    private void read() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        count(Gateway.JSON.readTree(record.value()));
                    } catch (RuntimeException unreadable) {
                        log.warn("A status event the benchmark cannot read (offset {}): {}", record.offset(),
                                unreadable.getMessage());
                    }
                }
            }
        } catch (WakeupException stopped) {
            // closed
        } finally {
            consumer.close();
        }
    }

    /** Takes one status event into account; any other status than SENT or FAILED is passed over. */
    private void count(JsonNode event) {
        String status = event.path("status").asString();
        if ("FAILED".equals(status)) {
            failed.incrementAndGet();
        } else if ("SENT".equals(status)) {
            sentByBatch.computeIfAbsent(event.path("batchId").asString(), batch -> new ConcurrentHashMap<>())
                    .merge(event.path("messageId").asString(), Instant.parse(event.path("occurredAt").asString()),
                            (seen, next) -> next.isAfter(seen) ? next : seen);
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

    /** Messages reported FAILED since the watch started. */
    long failed() {
        return failed.get();
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        reader.join();
    }
}
