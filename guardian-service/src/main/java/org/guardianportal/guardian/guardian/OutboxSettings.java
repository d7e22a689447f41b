package org.guardianportal.guardian.guardian;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the relay republishes events the broker did not acknowledge.
 *
 * @param relayInterval pause between two relay runs: each one reads every guardian, a full scan on the embedded
 *                      store (it has no index for a range on {@code outbox.occurredAt}), so not every few seconds
 * @param relayAfter    age after which an event still in an outbox is considered lost in transit (longer than the
 *                      producer's delivery timeout, so the relay rarely races a send still in flight)
 * @param batchSize     guardians handled per relay round
 */
@Validated
@ConfigurationProperties("guardian.outbox")
public record OutboxSettings(
        @DefaultValue("1m") @NotNull Duration relayInterval,
        @DefaultValue("15s") @NotNull Duration relayAfter,
        @DefaultValue("500") @Min(1) int batchSize) {
}
