package org.guardianportal.contracts;

import java.time.Instant;
import java.util.UUID;

/** {@code credential.rejected.v1}: a command was refused when it was processed (for example the email was removed meanwhile). */
public record CredentialRejected(
        UUID eventId,
        Instant occurredAt,
        UUID commandId,
        String guardianId,
        String batchId,
        RejectionReason reason) {
}
