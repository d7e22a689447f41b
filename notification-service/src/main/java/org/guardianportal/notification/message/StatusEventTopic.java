package org.guardianportal.notification.message;

import org.apache.kafka.clients.admin.NewTopic;
import org.guardianportal.contracts.Topics;
import org.guardianportal.notification.NotificationSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

@Configuration(proxyBeanMethods = false)
class StatusEventTopic {

    @Bean
    NewTopic statusChangedTopic(NotificationSettings settings) {
        return TopicBuilder.name(Topics.NOTIFICATION_STATUS_CHANGED)
                .partitions(settings.topics().partitions())
                .replicas(settings.topics().replicationFactor())
                .build();
    }
}
