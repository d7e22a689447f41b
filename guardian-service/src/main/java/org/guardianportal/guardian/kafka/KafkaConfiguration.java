package org.guardianportal.guardian.kafka;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.guardianportal.contracts.Topics;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    @Bean
    NewTopic guardianEmailUpdatedTopic(TopicSettings settings) {
        return topic(Topics.GUARDIAN_EMAIL_UPDATED, settings);
    }

    @Bean
    NewTopic guardianUpdatesTopic(TopicSettings settings) {
        return topic(Topics.GUARDIAN_UPDATES, settings);
    }

    @Bean
    NewTopic guardianUpdatesDeadLetterTopic(TopicSettings settings) {
        return topic(Topics.GUARDIAN_UPDATES_DLT, settings);
    }

    /**
     * Events go out as JSON; dead letters go out as the exact bytes the district sent, which a JSON serializer
     * would turn into a base64 string. One template serves both, choosing by the value's type.
     */
    @Bean
    @SuppressWarnings("unchecked")
    DefaultKafkaProducerFactoryCustomizer jsonEventsAndRawDeadLetters() {
        return factory -> {
            Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
            byType.put(byte[].class, new ByteArraySerializer());
            byType.put(Object.class, new JacksonJsonSerializer<>());
            ((DefaultKafkaProducerFactory<Object, Object>) factory)
                    .setValueSerializer(new DelegatingByTypeSerializer(byType, true));
        };
    }

    private static NewTopic topic(String name, TopicSettings settings) {
        return TopicBuilder.name(name).partitions(settings.partitions()).replicas(settings.replicationFactor()).build();
    }
}
