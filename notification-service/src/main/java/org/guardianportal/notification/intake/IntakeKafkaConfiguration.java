package org.guardianportal.notification.intake;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.guardianportal.contracts.Topics;
import org.guardianportal.notification.NotificationSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.FixedBackOff;

/** The consumed topic, its dead-letter topic, and the error handling that sends refused records there. */
@Configuration(proxyBeanMethods = false)
class IntakeKafkaConfiguration {

    /** A few quick retries for passing trouble (store briefly unreachable); then the record is dead-lettered. */
    private static final FixedBackOff RETRIES = new FixedBackOff(1_000, 3);

    @Bean
    NewTopic credentialIssuedTopic(NotificationSettings settings) {
        return topic(Topics.CREDENTIAL_ISSUED, settings);
    }

    @Bean
    NewTopic credentialIssuedDeadLetterTopic(NotificationSettings settings) {
        return topic(Topics.CREDENTIAL_ISSUED + Topics.DLT_SUFFIX, settings);
    }

    private static NewTopic topic(String name, NotificationSettings settings) {
        return TopicBuilder.name(name)
                .partitions(settings.topics().partitions())
                .replicas(settings.topics().replicationFactor())
                .build();
    }

    /**
     * A batch has no single trace: with this, each record still gets its consumer span, child of the span that
     * produced it, so a credential's trace shows where its mail was taken in.
     */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> tracedBatchRecords() {
        return container -> container.getContainerProperties().setRecordObservationsInBatch(true);
    }

    @Bean
    DefaultErrorHandler issuedRecordsErrorHandler(KafkaTemplate<Object, Object> jsonTemplate,
            ProducerFactory<Object, Object> producerFactory) {
        // an unreadable record is dead-lettered as the bytes it came as; a refused one as its JSON
        KafkaTemplate<Object, Object> bytesTemplate = new KafkaTemplate<>(producerFactory,
                Map.of(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        bytesTemplate.setObservationEnabled(true);
        Map<Class<?>, KafkaOperations<?, ?>> templates = new LinkedHashMap<>();
        templates.put(byte[].class, bytesTemplate);
        templates.put(Object.class, jsonTemplate);
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(templates,
                (record, failure) -> new TopicPartition(record.topic() + Topics.DLT_SUFFIX, -1));
        recoverer.setHeadersFunction((record, failure) -> new RecordHeaders().add(Topics.DLT_REASON_HEADER,
                reason(failure).getBytes(StandardCharsets.UTF_8)));
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, RETRIES);
        handler.addNotRetryableExceptions(InvalidIssuedEvent.class);
        return handler;
    }

    /** The reason an operator reads in the dead-letter record's header. */
    static String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidIssuedEvent invalid) {
                return "Invalid credential.issued.v1 event: " + invalid.getMessage();
            }
            if (cause instanceof DeserializationException unreadable) {
                Throwable detail = unreadable.getCause() == null ? unreadable : unreadable.getCause();
                return "Not a readable credential.issued.v1 JSON record: " + firstLine(detail.getMessage());
            }
        }
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return "Could not be stored after retries: " + firstLine(root.getMessage());
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "no detail";
        }
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
