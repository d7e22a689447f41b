package org.guardianportal.deadletters;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which dead letters a service keeps.
 *
 * @param topics       the topics its listeners consume: their {@code <topic>.dlt} are kept
 * @param maskedFields top-level JSON fields shown masked in a dead letter's payload (a sealed secret)
 */
@ConfigurationProperties("dead-letters")
record DeadLetterSettings(List<String> topics, List<String> maskedFields) {

    DeadLetterSettings {
        if (topics == null || topics.isEmpty()) {
            throw new IllegalArgumentException("dead-letters.topics names no topic");
        }
        topics = List.copyOf(topics);
        maskedFields = maskedFields == null ? List.of() : List.copyOf(maskedFields);
    }
}
