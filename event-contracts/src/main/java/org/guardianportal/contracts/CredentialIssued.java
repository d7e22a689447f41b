package org.guardianportal.contracts;

import java.time.Instant;
import java.util.UUID;

/** {@code credential.issued.v1}: a temporary password was generated; it travels only sealed. */
public record CredentialIssued(
        UUID eventId,
        Instant occurredAt,
        String guardianId,
        String batchId,
        String requestedBy,
        String email,
        String firstName,
        String lastName,
        String locale,
        Instant expiresAt,
        SealedSecret secret) {
}
