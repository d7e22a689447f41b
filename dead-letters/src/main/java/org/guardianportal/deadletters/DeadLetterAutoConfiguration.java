package org.guardianportal.deadletters;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/** The dead-letter log of a service that depends on this module and names its topics ({@link DeadLetterSettings}). */
@AutoConfiguration
@EnableConfigurationProperties(DeadLetterSettings.class)
@EnableScheduling
@Import({DeadLetterLog.class, DeadLetterController.class, DeadLetterProblems.class})
public class DeadLetterAutoConfiguration {

    static final String CONTAINER_FACTORY = "deadLetterLogContainerFactory";

    /**
     * The dead-letter log's listener: a dead letter that cannot be kept (the store is down) is read again every two
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
