package org.guardianportal.notification.delivery;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How and when queued mails are delivered.
 *
 * @param enabled      whether this instance runs delivery at all (an instance may serve the API only)
 * @param window       new messages wait for the next multiple of this duration; zero delivers at the next poll
 * @param pollInterval pause between two delivery runs
 * @param claimSize    messages claimed at a time
 * @param connections  SMTP connections a claimed chunk is shared over, each sending its part in one session
 *                     (1: the whole chunk over one connection)
 * @param pipelines    chunks sent at once by this instance: each pipeline claims, sends and records its own chunks
 * @param lease        how long a claim holds its messages; after it, another run may take them back
 * @param maxAttempts  attempts before a message is FAILED for good
 * @param retry        back-off between attempts
 */
@Validated
@ConfigurationProperties("notification.delivery")
public record DeliverySettings(
        @DefaultValue("true") boolean enabled,
        @NotNull @DefaultValue("10m") Duration window,
        @NotNull @DefaultValue("500ms") Duration pollInterval,
        @Min(1) @Max(10_000) @DefaultValue("500") int claimSize,
        @Min(1) @Max(32) @DefaultValue("1") int connections,
        @Min(1) @Max(8) @DefaultValue("2") int pipelines,
        @NotNull @DefaultValue("5m") Duration lease,
        @Min(1) @DefaultValue("5") int maxAttempts,
        @Valid @NotNull @DefaultValue Retry retry) {

    /**
     * @param initialBackoff wait after the first failure
     * @param multiplier     factor applied to the wait after each further failure
     * @param maxBackoff     the longest wait
     */
    public record Retry(
            @NotNull @DefaultValue("1m") Duration initialBackoff,
            @DecimalMin("1.0") @DefaultValue("2") double multiplier,
            @NotNull @DefaultValue("1h") Duration maxBackoff) {
    }
}
