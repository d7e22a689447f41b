package org.guardianportal.credential.batch;

import java.time.Instant;

/**
 * A batch's progress: {@code rejected} counts refusals at request and at processing, {@code delivered} and
 * {@code failed} the emails notification-service sent or gave up on.
 */
public record BatchSummary(
        String batchId,
        String requestedBy,
        Instant createdAt,
        int requested,
        long issued,
        long rejected,
        long delivered,
        long failed) {
}
