package org.guardianportal.guardian.guardian;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.guardianportal.contracts.GuardianEmailUpdated;

/**
 * A guardian (parent, legal representative) and the address the portal writes to. Every decision returns
 * what happened: a {@link GuardianChange} carrying the {@code guardian.email-updated.v1} event, or nothing
 * when the request changes nothing. {@code version} guards against two writers deciding on the same state.
 */
public record Guardian(
        String id,
        String firstName,
        String lastName,
        String email,
        ExternalRef externalRef,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    /**
     * A new guardian. The event is emitted even without an email: credential-service must know the guardian
     * exists to refuse it NO_EMAIL rather than UNKNOWN_GUARDIAN.
     */
    public static GuardianChange register(String firstName, String lastName, String email, ExternalRef externalRef,
            Actor actor, Instant now) {
        Guardian guardian = new Guardian(UUID.randomUUID().toString(), firstName.strip(), lastName.strip(),
                normaliseOptional(email), externalRef, now, now, 0);
        return new GuardianChange(null, guardian, guardian.event(null, actor, now));
    }

    /** Sets or replaces the address; the same address in another case or with spaces around changes nothing. */
    public Optional<GuardianChange> changeEmail(String newEmail, Actor actor, Instant now) {
        return becomes(firstName, lastName, EmailAddressRule.normalise(newEmail), actor, now);
    }

    public Optional<GuardianChange> removeEmail(Actor actor, Instant now) {
        return becomes(firstName, lastName, null, actor, now);
    }

    /** A district's record is the truth for its guardians: names and address (none when blank) are taken as sent. */
    public Optional<GuardianChange> applyDistrictRecord(String newFirstName, String newLastName, String newEmail,
            Actor actor, Instant now) {
        return becomes(newFirstName.strip(), newLastName.strip(), normaliseOptional(newEmail), actor, now);
    }

    private Optional<GuardianChange> becomes(String newFirstName, String newLastName, String newEmail, Actor actor,
            Instant now) {
        if (newFirstName.equals(firstName) && newLastName.equals(lastName) && Objects.equals(newEmail, email)) {
            return Optional.empty();
        }
        Guardian after = new Guardian(id, newFirstName, newLastName, newEmail, externalRef, createdAt, now, version + 1);
        return Optional.of(new GuardianChange(this, after, after.event(email, actor, now)));
    }

    private GuardianEmailUpdated event(String previousEmail, Actor actor, Instant now) {
        return new GuardianEmailUpdated(UUID.randomUUID(), now, id, firstName, lastName, email, previousEmail,
                actor.origin(), actor.name());
    }

    private static String normaliseOptional(String email) {
        return email == null || email.isBlank() ? null : EmailAddressRule.normalise(email);
    }
}
