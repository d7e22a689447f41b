package org.guardianportal.guardian.deadletter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

@Configuration(proxyBeanMethods = false)
class DeadLetterLogKafka {

    static final String CONTAINER_FACTORY = "deadLetterLogContainerFactory";

    /**
     * The dead-letter log's listeners: a dead letter that cannot be kept (the store is down) is read again every two
     * seconds until it is, never dead-lettered itself nor skipped.
     */
    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> deadLetterLogContainerFactory(
            ConsumerFactory<Object, Object> consumers) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumers);
        factory.setCommonErrorHandler(new DefaultErrorHandler(new FixedBackOff(2_000, FixedBackOff.UNLIMITED_ATTEMPTS)));
        factory.getContainerProperties().setObservationEnabled(true);
        return factory;
    }
}
