package org.guardianportal.guardian.districtsync;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.guardianportal.contracts.GuardianUpdate;
import org.guardianportal.contracts.Topics;
import org.guardianportal.guardian.guardian.GuardianService;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Applies district records a poll at a time (upsert by source and externalId; the same record twice changes
 * nothing): a few bulk writes per poll rather than three round trips per record. A record the deserializer refused
 * stops the poll at its position: the records before it are applied, it goes to the dead-letter topic with its
 * reason ({@link DeadLetters}), and the records after it come again.
 */
@Component
class DistrictUpdateListener {

    private static final LogAccessor log = new LogAccessor(DistrictUpdateListener.class);

    private final GuardianService guardians;

    DistrictUpdateListener(GuardianService guardians) {
        this.guardians = guardians;
    }

    @KafkaListener(id = "district-sync", idIsGroup = false, topics = Topics.GUARDIAN_UPDATES, batch = "true",
            properties = "max.poll.records=1000")
    void apply(List<ConsumerRecord<String, GuardianUpdate>> records) {
        List<GuardianUpdate> readable = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            DeserializationException refused = SerializationUtils.getExceptionFromHeader(records.get(i),
                    SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, log);
            if (refused != null) {
                guardians.applyDistrictRecords(readable);
                throw new BatchListenerFailedException(DeadLetters.reason(refused), refused, i);
            }
            readable.add(records.get(i).value());
        }
        guardians.applyDistrictRecords(readable);
    }
}
