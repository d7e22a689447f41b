package org.guardianportal.notification.delivery;

import java.time.Duration;
import java.time.Instant;

import org.guardianportal.contracts.MessageStatus;
import org.guardianportal.notification.message.DeliveryFailure;
import org.guardianportal.notification.message.MessageVersion;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** What happens to a mail that could not be sent: another try later, each wait longer, until it is FAILED. */
@Component
class RetryPolicy {

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final double multiplier;
    private final Duration maxBackoff;

    @Autowired
    RetryPolicy(DeliverySettings settings) {
        this(settings.maxAttempts(), settings.retry());
    }

    RetryPolicy(int maxAttempts, DeliverySettings.Retry retry) {
        this.maxAttempts = maxAttempts;
        this.initialBackoff = retry.initialBackoff();
        this.multiplier = retry.multiplier();
        this.maxBackoff = retry.maxBackoff();
    }

    /**
     * @param claimed        the message as its claim left it
     * @param attemptsBefore attempts made before this failed one
     */
    DeliveryFailure afterFailure(MessageVersion claimed, int attemptsBefore, String error, Instant now) {
        int attempts = attemptsBefore + 1;
        if (attempts >= maxAttempts) {
            return new DeliveryFailure(claimed, attempts, error, MessageStatus.FAILED, null);
        }
        return new DeliveryFailure(claimed, attempts, error, MessageStatus.PENDING, now.plus(backoff(attempts)));
    }

    /** The wait after {@code failures} failed attempts: initial × multiplier^(failures − 1), at most the maximum. */
    Duration backoff(int failures) {
        double millis = initialBackoff.toMillis() * Math.pow(multiplier, failures - 1);
        if (millis >= maxBackoff.toMillis()) {
            return maxBackoff;
        }
        return Duration.ofMillis((long) millis);
    }
}
