package org.guardianportal.notification.message;

import java.time.Instant;

import org.guardianportal.contracts.MessageStatus;

/**
 * A claimed message that could not be sent, and what comes next for it: PENDING again at {@code retryAt}, or
 * FAILED for good (then {@code retryAt} is null).
 *
 * @param claimed  the message as its claim left it
 * @param attempts the attempts made so far, this one included
 */
public record DeliveryFailure(MessageVersion claimed, int attempts, String lastError, MessageStatus status,
        Instant retryAt) {
}
