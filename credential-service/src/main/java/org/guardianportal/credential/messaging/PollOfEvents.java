package org.guardianportal.credential.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * How a batch listener takes a poll of events: applies them together, up to the first record that cannot be read or
 * breaks the contract. The events before that record are applied, then it is handed to the error handler (dead
 * letter, with its reason) by its position; the records after it come again.
 */
public final class PollOfEvents {

    private static final LogAccessor log = new LogAccessor(PollOfEvents.class);

    private PollOfEvents() {
    }

    /**
     * @param topic the topic's name, for the reason of a record without a value
     * @param check throws {@link InvalidEventException} for an event that breaks the contract
     * @param apply applies readable, valid events, in their order
     */
    public static <T> void apply(List<ConsumerRecord<String, T>> records, String topic, Consumer<T> check,
            Consumer<List<T>> apply) {
        List<T> events = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            RuntimeException problem = problemWith(records.get(i), topic, check);
            if (problem != null) {
                apply.accept(events);
                throw new BatchListenerFailedException(problem.getMessage(), problem, i);
            }
            events.add(records.get(i).value());
        }
        apply.accept(events);
    }

    private static <T> RuntimeException problemWith(ConsumerRecord<String, T> record, String topic, Consumer<T> check) {
        DeserializationException unreadable = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, log);
        if (unreadable != null) {
            return unreadable;
        }
        if (record.value() == null) {
            return new InvalidEventException(topic + " without a value");
        }
        try {
            check.accept(record.value());
            return null;
        } catch (InvalidEventException invalid) {
            return invalid;
        }
    }
}
