package org.guardianportal.credential.messaging;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.guardianportal.contracts.Topics;
import org.guardianportal.credential.CredentialSettings;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerPostProcessor;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Topics this service produces, consumes and dead-letters, the JSON value serializer, and the error handler:
 * a short bounded retry, then the record goes to {@code <topic>.dlt} with the reason in the {@code dlt-reason} header.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    private static final int MAX_REASON_LENGTH = 500;

    @Bean
    KafkaAdmin.NewTopics credentialTopics(CredentialSettings settings) {
        List<String> names = List.of(
                Topics.CREDENTIAL_COMMANDS, Topics.CREDENTIAL_ISSUED, Topics.CREDENTIAL_REJECTED,
                Topics.GUARDIAN_EMAIL_UPDATED, Topics.NOTIFICATION_STATUS_CHANGED,
                Topics.CREDENTIAL_COMMANDS + Topics.DLT_SUFFIX,
                Topics.GUARDIAN_EMAIL_UPDATED + Topics.DLT_SUFFIX,
                Topics.NOTIFICATION_STATUS_CHANGED + Topics.DLT_SUFFIX);
        return new KafkaAdmin.NewTopics(names.stream()
                .map(name -> TopicBuilder.name(name)
                        .partitions(settings.topics().partitions())
                        .replicas(settings.topics().replicationFactor())
                        .build())
                .toArray(NewTopic[]::new));
    }

    /**
     * Events as JSON; the raw bytes of an unreadable record are dead-lettered as they came. The JSON
     * serializer is configured from {@code spring.kafka.producer.properties} (no type headers).
     */
    @Bean
    DefaultKafkaProducerFactoryCustomizer jsonOrRawValues() {
        Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
        byType.put(byte[].class, new ByteArraySerializer());
        byType.put(Object.class, new JacksonJsonSerializer<>());
        return factory -> useValueSerializer(factory, () -> new DelegatingByTypeSerializer(byType, true));
    }

    @SuppressWarnings("unchecked")
    private static void useValueSerializer(DefaultKafkaProducerFactory<?, ?> factory,
            Supplier<? extends Serializer<?>> serializer) {
        ((DefaultKafkaProducerFactory<Object, Object>) factory)
                .setValueSerializerSupplier(() -> (Serializer<Object>) serializer.get());
    }

    /**
     * For batch listeners, which spring-kafka does not observe: their own Micrometer timer would register
     * {@code spring.kafka.listener} with other tags than the observed listeners have, and Prometheus would then
     * refuse the observed listeners' meter.
     */
    @Bean
    ContainerPostProcessor<Object, Object, AbstractMessageListenerContainer<Object, Object>> withoutListenerTimer() {
        return container -> container.getContainerProperties().setMicrometerEnabled(false);
    }

    @Bean
    DefaultErrorHandler deadLetteringErrorHandler(KafkaTemplate<Object, Object> template) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                // a negative partition lets the key choose it: the dead-letter topic may have other partitions
                (record, error) -> new TopicPartition(record.topic() + Topics.DLT_SUFFIX, -1));
        recoverer.setHeadersFunction((record, error) -> new RecordHeaders().add(Topics.DLT_REASON_HEADER,
                reason(error).getBytes(StandardCharsets.UTF_8)));
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2);
        backOff.setMaxAttempts(3);
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(InvalidEventException.class);
        return handler;
    }

    /** The reason in words, without the listener's wrapping (and a batch listener's pointer to the record). */
    static String reason(Exception error) {
        Throwable cause = error;
        while ((cause instanceof ListenerExecutionFailedException || cause instanceof BatchListenerFailedException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String reason;
        if (cause instanceof DeserializationException) {
            Throwable root = cause.getCause() != null ? cause.getCause() : cause;
            reason = "The record is not valid JSON for this topic: " + firstLine(root.getMessage());
        } else if (cause instanceof InvalidEventException) {
            reason = "The record breaks the contract: " + cause.getMessage();
        } else {
            reason = "Processing failed after retries: " + cause.getClass().getSimpleName() + ": "
                    + firstLine(cause.getMessage());
        }
        return reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) : reason;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
