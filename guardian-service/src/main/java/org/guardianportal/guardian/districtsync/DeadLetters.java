package org.guardianportal.guardian.districtsync;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.guardianportal.contracts.Topics;
import org.guardianportal.guardian.guardian.InvalidEmailException;
import org.guardianportal.guardian.guardian.Reason;
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
 * {@code guardian.updates.v1.dlt} at once, with their original key and bytes, a {@code dlt-reason} header (in English)
 * and a {@code dlt-reason-key} header that lets the dead-letter log word the reason in French
 * ({@link DistrictReasonWording});
 * any other failure (the store is down) is retried briefly first, the whole poll again, and then each of the poll's
 * records is dead-lettered with that failure as its reason.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetters {

    @Bean
    DefaultErrorHandler districtSyncErrorHandler(KafkaOperations<Object, Object> kafka) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafka,
                (record, failure) -> new TopicPartition(record.topic() + Topics.DLT_SUFFIX, -1));
        recoverer.setHeadersFunction((record, failure) -> {
            RecordHeaders headers = new RecordHeaders();
            headers.add(new RecordHeader(Topics.DLT_REASON_HEADER, reason(failure).getBytes(StandardCharsets.UTF_8)));
            refusal(failure).ifPresent(refused -> headers.add(new RecordHeader(Topics.DLT_REASON_KEY_HEADER,
                    DistrictReasonWording.key(refused).getBytes(StandardCharsets.UTF_8))));
            return headers;
        });
        ExponentialBackOff briefly = new ExponentialBackOff(500, 2);
        briefly.setMaxInterval(5_000);
        briefly.setMaxElapsedTime(30_000);
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, briefly);
        handler.addNotRetryableExceptions(InvalidEmailException.class, IllegalArgumentException.class);
        // a refused district record is the district's to fix: a warning, not a service error
        handler.setLogLevel(KafkaException.Level.WARN);
        return handler;
    }

    /** Why the district record was refused, when the deserializer refused it. */
    static Optional<Reason> refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RefusedRecordException refused) {
                return Optional.ofNullable(refused.reason());
            }
        }
        return Optional.empty();
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
