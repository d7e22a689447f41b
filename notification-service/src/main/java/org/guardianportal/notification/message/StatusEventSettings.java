package org.guardianportal.notification.message;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param acknowledgeInterval how often acknowledged events are unmarked in the store
 * @param relayAfter          how long an unpublished status change waits before the relay publishes it again
 */
@Validated
@ConfigurationProperties("notification.status-events")
record StatusEventSettings(
        @NotNull @DefaultValue("1s") Duration acknowledgeInterval,
        @NotNull @DefaultValue("30s") Duration relayAfter) {
}
