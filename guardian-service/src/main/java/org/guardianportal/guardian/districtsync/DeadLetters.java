package org.guardianportal.guardian.districtsync;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.guardianportal.contracts.Topics;
import org.guardianportal.guardian.guardian.InvalidEmailException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * A district record is applied or dead-lettered, never dropped. Unreadable or invalid records go to
 * {@code guardian.updates.v1.dlt} at once, with their original key and bytes and a {@code dlt-reason} header;
 * any other failure (the store is down) is retried briefly first, the whole poll again, and then each of the poll's
 * records is dead-lettered with that failure as its reason.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetters {

    @Bean
    DefaultErrorHandler districtSyncErrorHandler(KafkaOperations<Object, Object> kafka) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafka,
                (record, failure) -> new TopicPartition(record.topic() + Topics.DLT_SUFFIX, -1));
        recoverer.setHeadersFunction((record, failure) -> new RecordHeaders(new RecordHeader[] {
                new RecordHeader(Topics.DLT_REASON_HEADER, reason(failure).getBytes(StandardCharsets.UTF_8))}));
        ExponentialBackOff briefly = new ExponentialBackOff(500, 2);
        briefly.setMaxInterval(5_000);
        briefly.setMaxElapsedTime(30_000);
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, briefly);
        handler.addNotRetryableExceptions(InvalidEmailException.class, IllegalArgumentException.class);
        // a refused district record is the district's to fix: a warning, not a service error
        handler.setLogLevel(KafkaException.Level.WARN);
        return handler;
    }

    /** The reason in words: what the deserializer or the guardian rules said, else the failure that outlasted retries. */
    static String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DeserializationException unreadable && unreadable.getCause() != null) {
                return unreadable.getCause().getMessage();
            }
            if (cause instanceof InvalidEmailException invalid) {
                return "invalid email: " + invalid.getMessage();
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "the record could not be applied: " + root.getMessage();
    }
}
