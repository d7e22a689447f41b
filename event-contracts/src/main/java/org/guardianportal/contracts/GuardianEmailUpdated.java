package org.guardianportal.contracts;

import java.time.Instant;
import java.util.UUID;

/** {@code guardian.email-updated.v1}: a guardian's address really changed (set, replaced or removed: {@code email} null). */
public record GuardianEmailUpdated(
        UUID eventId,
        Instant occurredAt,
        String guardianId,
        String firstName,
        String lastName,
        String email,
        String previousEmail,
        EmailOrigin origin,
        String actor) {
}
