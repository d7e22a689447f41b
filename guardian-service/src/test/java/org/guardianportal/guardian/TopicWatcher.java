package org.guardianportal.guardian;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/**
 * Reads a topic from the moment it is created, so a test sees only what happened after it started.
 * Values are kept as raw bytes: tests check exactly what went on the wire.
 */
public final class TopicWatcher implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    TopicWatcher(String brokers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /** Polls until a record matches, then returns every record seen so far (in order). */
    public List<ConsumerRecord<String, byte[]>> until(Predicate<ConsumerRecord<String, byte[]>> condition) {
        return untilSeen(records -> records.stream().anyMatch(condition));
    }

    /** Polls until what was seen so far (in order) satisfies the condition, and returns it. */
    public List<ConsumerRecord<String, byte[]>> untilSeen(Predicate<List<ConsumerRecord<String, byte[]>>> condition) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(1)).until(() -> {
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
            return condition.test(seen);
        });
        return List.copyOf(seen);
    }

    /** How many records were seen so far: a mark to read what comes after it. */
    public int mark() {
        return seen.size();
    }

    /** Records seen after {@code mark}, in order. */
    public List<ConsumerRecord<String, byte[]>> since(int mark) {
        return List.copyOf(seen.subList(mark, seen.size()));
    }

    /** Every record seen so far with this key. */
    public List<ConsumerRecord<String, byte[]>> keyed(String key) {
        return seen.stream().filter(record -> key.equals(record.key())).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
