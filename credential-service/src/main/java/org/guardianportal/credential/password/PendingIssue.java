package org.guardianportal.credential.password;

import java.time.Instant;
import java.util.UUID;

import org.guardianportal.contracts.CredentialIssued;
import org.guardianportal.contracts.SealedSecret;

/**
 * The outbox of a credential: its {@code credential.issued.v1}, kept (sealed) until Kafka acknowledges it, so the
 * very same event can be produced again instead of a new password.
 */
record PendingIssue(
        String eventId,
        Instant occurredAt,
        String batchId,
        String requestedBy,
        String email,
        String firstName,
        String lastName,
        String locale,
        Instant expiresAt,
        SealedSecret secret) {

    static PendingIssue of(CredentialIssued event) {
        return new PendingIssue(event.eventId().toString(), event.occurredAt(), event.batchId(), event.requestedBy(),
                event.email(), event.firstName(), event.lastName(), event.locale(), event.expiresAt(), event.secret());
    }

    CredentialIssued toEvent(String guardianId) {
        return new CredentialIssued(UUID.fromString(eventId), occurredAt, guardianId, batchId, requestedBy, email,
                firstName, lastName, locale, expiresAt, secret);
    }
}
