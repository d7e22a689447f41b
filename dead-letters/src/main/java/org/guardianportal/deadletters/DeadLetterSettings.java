package org.guardianportal.deadletters;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which dead letters a service keeps.
 *
 * @param topics       the topics its listeners consume: their {@code <topic>.dlt} are kept
 * @param maskedFields top-level JSON fields shown masked in a dead letter's payload (a sealed secret)
 * @param retention    how long a dead letter is kept after it was refused; zero keeps every one for good
 */
@ConfigurationProperties("dead-letters")
record DeadLetterSettings(List<String> topics, List<String> maskedFields, @DefaultValue("90d") Duration retention) {

    DeadLetterSettings {
        if (topics == null || topics.isEmpty()) {
            throw new IllegalArgumentException("dead-letters.topics names no topic");
        }
        if (retention == null || retention.isNegative()) {
            throw new IllegalArgumentException("dead-letters.retention must be a duration of zero (keep for good) or "
                    + "more, not " + retention);
        }
        topics = List.copyOf(topics);
        maskedFields = maskedFields == null ? List.of() : List.copyOf(maskedFields);
    }

    /** The retention in whole days, a part of a day counting as one; null when dead letters are kept for good. */
    Long retentionDays() {
        if (retention.isZero()) {
            return null;
        }
        long day = Duration.ofDays(1).toSeconds();
        return (retention.toSeconds() + day - 1) / day;
    }
}
