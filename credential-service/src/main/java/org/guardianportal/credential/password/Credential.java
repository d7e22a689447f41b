package org.guardianportal.credential.password;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A guardian's portal password: only its slow hash, how long it is valid, and the failed logins that lock it.
 * {@code lastCommandId} makes issuing idempotent; {@code pendingIssue} is the outbox of the issued event.
 */
@Document(Credential.COLLECTION)
record Credential(
        @Id String guardianId,
        String passwordHash,
        CredentialStatus status,
        Instant issuedAt,
        Instant expiresAt,
        boolean mustChangePassword,
        int failedAttempts,
        Instant lockedUntil,
        String lastCommandId,
        String batchId,
        PendingIssue pendingIssue,
        Instant pendingSince,
        Instant passwordChangedAt) {

    static final String COLLECTION = "credentials";

    boolean isLocked(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    /** A temporary password past its expiry; a password the guardian chose does not expire. */
    boolean isExpired(Instant now) {
        return status == CredentialStatus.ISSUED && expiresAt != null && !expiresAt.isAfter(now);
    }

    CredentialStatus statusAt(Instant now) {
        if (isLocked(now)) {
            return CredentialStatus.LOCKED;
        }
        if (isExpired(now)) {
            return CredentialStatus.EXPIRED;
        }
        return status;
    }
}
