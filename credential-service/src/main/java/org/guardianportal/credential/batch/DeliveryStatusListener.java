package org.guardianportal.credential.batch;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.guardianportal.contracts.NotificationStatusChanged;
import org.guardianportal.contracts.Topics;
import org.guardianportal.credential.messaging.InvalidEventException;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Applies delivery statuses a poll at a time: one read and one bulk write per poll rather than two round trips per
 * event (every password mail sends three or more). A record that cannot be read or breaks the contract is handed to
 * the error handler (dead letter) after the records before it are applied; the records after it come again.
 */
@Component
class DeliveryStatusListener {

    private static final LogAccessor log = new LogAccessor(DeliveryStatusListener.class);

    private final Batches batches;

    DeliveryStatusListener(Batches batches) {
        this.batches = batches;
    }

    @KafkaListener(topics = Topics.NOTIFICATION_STATUS_CHANGED, batch = "true",
            containerPostProcessor = "withoutListenerTimer", properties = {
                    "spring.json.value.default.type=org.guardianportal.contracts.NotificationStatusChanged",
                    "max.poll.records=1000"})
    void on(List<ConsumerRecord<String, NotificationStatusChanged>> records) {
        List<NotificationStatusChanged> events = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            RuntimeException problem = problemWith(records.get(i));
            if (problem != null) {
                batches.recordDeliveries(events);
                throw new BatchListenerFailedException(problem.getMessage(), problem, i);
            }
            events.add(records.get(i).value());
        }
        batches.recordDeliveries(events);
    }

    private static RuntimeException problemWith(ConsumerRecord<String, NotificationStatusChanged> record) {
        DeserializationException unreadable = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, log);
        if (unreadable != null) {
            return unreadable;
        }
        if (record.value() == null) {
            return new InvalidEventException("notification.status-changed.v1 without a value");
        }
        try {
            Batches.check(record.value());
            return null;
        } catch (InvalidEventException invalid) {
            return invalid;
        }
    }
}
