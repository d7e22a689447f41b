package org.guardianportal.benchmark;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.guardianportal.contracts.Topics;

/**
 * The messages notification-service reports SENT or FAILED on {@code notification.status-changed.v1}, read as a
 * district system reads them, from the moment the watch starts. It is how seeding and B4 learn that messages were sent
 * without asking the store: the log's counts read every message of the whole log (100,000 while seeding) or of the
 * batch (10,000 in B4), and asked every half second they were a large share of the store's work during the very
 * delivery they measured. A SENT event is published just before the SENT status is stored, so the counts are read
 * once at the end, to confirm, and B4's time ends with that confirmation.
 */
final class SentEvents implements AutoCloseable {

    private final SentTally tally = new SentTally();
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
                    tally.take(record.value(), record.offset());
                }
            }
        } catch (WakeupException stopped) {
            // closed
        } finally {
            consumer.close();
        }
    }

    /** What has been reported since the watch started. */
    SentTally tally() {
        return tally;
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        reader.join();
    }
}
