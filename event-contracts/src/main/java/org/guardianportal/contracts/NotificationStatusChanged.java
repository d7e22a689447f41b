package org.guardianportal.contracts;

import java.time.Instant;
import java.util.UUID;

/** {@code notification.status-changed.v1}: a message moved to another status. */
public record NotificationStatusChanged(
        UUID eventId,
        Instant occurredAt,
        String messageId,
        String guardianId,
        String batchId,
        MessageStatus status,
        int attempts,
        String lastError) {
}
