package org.guardianportal.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.guardianportal.contracts.MessageStatus;
import org.guardianportal.notification.message.DeliveryFailure;
import org.guardianportal.notification.message.MessageVersion;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2025-09-01T08:00:00Z");
    private static final MessageVersion CLAIMED = new MessageVersion("m-1", 2);
    private final RetryPolicy policy = new RetryPolicy(5,
            new DeliverySettings.Retry(Duration.ofMinutes(1), 2, Duration.ofMinutes(5)));

    @Test
    void eachFailureWaitsTwiceAsLongUpToTheMaximum() {
        assertThat(policy.backoff(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(policy.backoff(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(policy.backoff(3)).isEqualTo(Duration.ofMinutes(4));
        assertThat(policy.backoff(4)).isEqualTo(Duration.ofMinutes(5));
        assertThat(policy.backoff(40)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aFirstFailureIsRetriedAfterTheInitialWait() {
        DeliveryFailure failure = policy.afterFailure(CLAIMED, 0, "Connection refused", NOW);

        assertThat(failure.status()).isEqualTo(MessageStatus.PENDING);
        assertThat(failure.attempts()).isEqualTo(1);
        assertThat(failure.retryAt()).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
        assertThat(failure.lastError()).isEqualTo("Connection refused");
        assertThat(failure.claimed()).isEqualTo(CLAIMED);
    }

    @Test
    void theLastAllowedAttemptFailsForGoodWithItsError() {
        DeliveryFailure failure = policy.afterFailure(CLAIMED, 4, "550 mailbox unavailable", NOW);

        assertThat(failure.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(failure.attempts()).isEqualTo(5);
        assertThat(failure.retryAt()).isNull();
        assertThat(failure.lastError()).isEqualTo("550 mailbox unavailable");
    }
}
