package org.guardianportal.guardian.kafka;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Shape of the topics this service declares (created if missing, left alone if they exist). */
@Validated
@ConfigurationProperties("guardian.topics")
public record TopicSettings(@DefaultValue("6") @Min(1) int partitions, @DefaultValue("1") @Min(1) short replicationFactor) {
}
