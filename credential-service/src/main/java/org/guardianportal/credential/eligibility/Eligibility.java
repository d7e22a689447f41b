package org.guardianportal.credential.eligibility;

import java.util.Locale;
import java.util.Optional;

import org.guardianportal.contracts.RejectionReason;

/** What this service knows of a guardian to give them a password: who they are and where to send it. */
public record Eligibility(String guardianId, String firstName, String lastName, String email, String locale) {

    /** Why a guardian cannot receive a password, if they cannot: unknown here, or no email address. */
    public static Optional<RejectionReason> refusal(Eligibility guardian) {
        if (guardian == null) {
            return Optional.of(RejectionReason.UNKNOWN_GUARDIAN);
        }
        if (guardian.email() == null) {
            return Optional.of(RejectionReason.NO_EMAIL);
        }
        return Optional.empty();
    }

    /** The form emails are stored and looked up in: trimmed, lower-case; blank means none. */
    public static String normaliseEmail(String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
