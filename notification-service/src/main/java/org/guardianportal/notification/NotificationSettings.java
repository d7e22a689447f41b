package org.guardianportal.notification;

import java.net.URI;
import java.time.ZoneId;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * What the notification service needs to write and seal its mails.
 *
 * @param portalUrl      the family portal address written in every mail
 * @param mail           sender and time zone of the mails
 * @param deliveryKeys   the delivery keys ({@code keyId:base64Key[,...]}) shared with credential-service
 * @param maxRequestSize the largest request body the API accepts
 * @param topics         partitions and replication of the topics this service declares
 */
@Validated
@ConfigurationProperties("notification")
public record NotificationSettings(
        @NotNull URI portalUrl,
        @Valid @NotNull Mail mail,
        String deliveryKeys,
        @NotNull @DefaultValue("64KB") DataSize maxRequestSize,
        @Valid @NotNull @DefaultValue TopicLayout topics) {

    /**
     * @param from     the From address of the mails
     * @param timeZone the zone in which expiry dates are written to guardians
     */
    public record Mail(@NotBlank String from, @NotNull @DefaultValue("Europe/Paris") ZoneId timeZone) {
    }

    public record TopicLayout(@Min(1) @DefaultValue("6") int partitions, @Min(1) @DefaultValue("1") short replicationFactor) {
    }
}
