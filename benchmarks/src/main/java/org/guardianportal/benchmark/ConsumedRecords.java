package org.guardianportal.benchmark;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a topic has been written, and how far a consumer group has consumed it, summed over the topic's
 * partitions. A record is counted as consumed once the group committed past it: a service's batch listener commits
 * after it applied the poll. Asking the broker costs it next to nothing, unlike counting documents in the store.
 */
final class ConsumedRecords implements AutoCloseable {

    private final Admin admin;

    ConsumedRecords(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** The topic's end offsets, summed: how many records it has had written. */
    long written(String topic) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        answer(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions()
                .forEach(partition -> latest.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest()));
        return answer(admin.listOffsets(latest).all()).values().stream().mapToLong(ListOffsetsResultInfo::offset).sum();
    }

    /** The group's committed offsets on the topic, summed (a partition it never committed counts as 0). */
    long consumed(String group, String topic) {
        Map<TopicPartition, OffsetAndMetadata> committed = answer(
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        return committed.entrySet().stream()
                .filter(entry -> entry.getKey().topic().equals(topic) && entry.getValue() != null)
                .mapToLong(entry -> entry.getValue().offset())
                .sum();
    }

    private static <T> T answer(KafkaFuture<T> request) {
        try {
            return request.get();
        } catch (ExecutionException failed) {
            throw new IllegalStateException("The broker did not answer: " + failed.getCause(), failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking the broker", interrupted);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
