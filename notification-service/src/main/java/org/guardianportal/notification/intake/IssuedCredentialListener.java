package org.guardianportal.notification.intake;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.guardianportal.contracts.CredentialIssued;
import org.guardianportal.contracts.Topics;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code credential.issued.v1} a poll at a time, so thousands of issued passwords become mails in a few
 * bulk writes. A record that cannot be read or is invalid stops the batch at its position: what precedes it is
 * stored, it goes to the dead-letter topic with its reason, and the rest is consumed again.
 */
@Component
class IssuedCredentialListener {

    private static final LogAccessor LOG = new LogAccessor(IssuedCredentialListener.class);

    private final MessageIntake intake;

    IssuedCredentialListener(MessageIntake intake) {
        this.intake = intake;
    }

    /**
     * A poll waits for up to half a second of events (or 256 KB of them): while passwords are being hashed they
     * arrive a few at a time, and every intake chunk costs the same handful of store writes, whatever its size.
     */
    @KafkaListener(id = "credential-issued", topics = Topics.CREDENTIAL_ISSUED, batch = "true",
            properties = {"fetch.min.bytes=262144", "fetch.max.wait.ms=500"})
    void onIssued(List<ConsumerRecord<String, CredentialIssued>> records) {
        List<CredentialIssued> valid = new ArrayList<>(records.size());
        for (int index = 0; index < records.size(); index++) {
            ConsumerRecord<String, CredentialIssued> record = records.get(index);
            try {
                CredentialIssued issued = readable(record);
                IssuedEventRules.check(issued);
                valid.add(issued);
            } catch (DeserializationException | InvalidIssuedEvent refused) {
                intake.queue(valid);
                throw new BatchListenerFailedException(refused.getMessage(), refused, index);
            }
        }
        intake.queue(valid);
    }

    private static CredentialIssued readable(ConsumerRecord<String, CredentialIssued> record) {
        DeserializationException unreadable = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
        if (unreadable != null) {
            throw unreadable;
        }
        if (record.value() == null) {
            throw new InvalidIssuedEvent("the record has no value");
        }
        return record.value();
    }
}
