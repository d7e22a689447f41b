package org.guardianportal.credential;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** Settings of the credential service, all under {@code credential.*}. */
@ConfigurationProperties("credential")
@Validated
public record CredentialSettings(
        @DefaultValue @Valid Password password,
        @DefaultValue @Valid Lockout lockout,
        @DefaultValue @Valid Batch batch,
        @DefaultValue @Valid Outbox outbox,
        @DefaultValue @Valid Topics topics,
        /** Locale of the email for a guardian whose language is not known. */
        @DefaultValue("fr") @NotBlank String defaultLocale,
        /** Largest request body accepted; 20,000 guardian ids fit well within the default. */
        @DefaultValue("4MB") @NotNull DataSize maxRequestSize) {

    /**
     * Temporary passwords.
     *
     * @param length         characters of a generated password
     * @param expiry         how long a temporary password may be used
     * @param bcryptStrength bcrypt cost; empty means the encoder's default (tests lower it)
     */
    public record Password(
            @DefaultValue("12") @Min(12) @Max(64) int length,
            @DefaultValue("30d") @NotNull Duration expiry,
            @Min(4) @Max(31) Integer bcryptStrength) {
    }

    /** Failed logins in a row before the credential is locked, and for how long. */
    public record Lockout(
            @DefaultValue("5") @Min(1) int maxFailures,
            @DefaultValue("15m") @NotNull Duration duration) {
    }

    /**
     * Batches.
     *
     * @param maxGuardians guardians one batch may select
     * @param chunkSize    ids per {@code $in} read and per bulk write
     */
    public record Batch(
            @DefaultValue("20000") @Min(1) int maxGuardians,
            @DefaultValue("1000") @Min(1) @Max(10000) int chunkSize) {
    }

    /**
     * The relays that publish what Kafka did not acknowledge (commands, issued events).
     *
     * @param relayAfter          age after which an unpublished record is published again
     * @param relayInterval       pause between two relay rounds
     * @param relayChunk          records relayed per round trip
     * @param acknowledgeInterval how often the outboxes of acknowledged issued events are emptied, together
     */
    public record Outbox(
            @DefaultValue("10s") @NotNull Duration relayAfter,
            @DefaultValue("5s") @NotNull Duration relayInterval,
            @DefaultValue("500") @Min(1) int relayChunk,
            @DefaultValue("1s") @NotNull Duration acknowledgeInterval) {
    }

    /** Partitions and replication of the topics this service declares. */
    public record Topics(
            @DefaultValue("6") @Min(1) int partitions,
            @DefaultValue("1") @Min(1) short replicationFactor) {
    }
}
