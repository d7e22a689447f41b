package org.guardianportal.credential.eligibility;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.guardianportal.contracts.GuardianEmailUpdated;
import org.guardianportal.contracts.Topics;
import org.guardianportal.credential.messaging.InvalidEventException;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Applies announcements a poll at a time: one read and one bulk write per poll rather than two round trips per
 * event. A record that cannot be read or breaks the contract is handed to the error handler (dead letter) after
 * the records before it are applied; the records after it come again.
 */
@Component
class GuardianEmailUpdatedListener {

    private static final LogAccessor log = new LogAccessor(GuardianEmailUpdatedListener.class);

    private final EligibilityProjection projection;

    GuardianEmailUpdatedListener(EligibilityProjection projection) {
        this.projection = projection;
    }

    @KafkaListener(topics = Topics.GUARDIAN_EMAIL_UPDATED, batch = "true",
            containerPostProcessor = "withoutListenerTimer", properties = {
                    "spring.json.value.default.type=org.guardianportal.contracts.GuardianEmailUpdated",
                    "max.poll.records=1000"})
    void on(List<ConsumerRecord<String, GuardianEmailUpdated>> records) {
        List<GuardianEmailUpdated> events = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            RuntimeException problem = problemWith(records.get(i));
            if (problem != null) {
                projection.applyAll(events);
                throw new BatchListenerFailedException(problem.getMessage(), problem, i);
            }
            events.add(records.get(i).value());
        }
        projection.applyAll(events);
    }

    private static RuntimeException problemWith(ConsumerRecord<String, GuardianEmailUpdated> record) {
        DeserializationException unreadable = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, log);
        if (unreadable != null) {
            return unreadable;
        }
        if (record.value() == null) {
            return new InvalidEventException("guardian.email-updated.v1 without a value");
        }
        try {
            EligibilityProjection.check(record.value());
            return null;
        } catch (InvalidEventException invalid) {
            return invalid;
        }
    }
}
