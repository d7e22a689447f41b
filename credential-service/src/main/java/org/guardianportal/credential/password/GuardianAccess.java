package org.guardianportal.credential.password;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.guardianportal.credential.eligibility.Eligibility;
import org.guardianportal.credential.eligibility.EligibilityProjection;
import org.springframework.stereotype.Service;

/** A guardian's portal access as the administrators see it. */
@Service
class GuardianAccess {

    private final CredentialStore store;
    private final EligibilityProjection eligibility;
    private final Clock clock;

    GuardianAccess(CredentialStore store, EligibilityProjection eligibility, Clock clock) {
        this.store = store;
        this.eligibility = eligibility;
        this.clock = clock;
    }

    /** {@code login}: the address the guardian signs in with, as this service knows it (null: none yet). */
    record CredentialView(String guardianId, CredentialStatus status, Instant issuedAt, Instant expiresAt,
            String login) {
    }

    /** NONE for a known guardian never given a password; empty when the guardian is unknown here altogether. */
    Optional<CredentialView> statusOf(String guardianId) {
        Optional<Eligibility> known = eligibility.find(guardianId);
        String login = known.map(Eligibility::email).orElse(null);
        Optional<Credential> credential = store.find(guardianId);
        if (credential.isEmpty()) {
            return known.map(guardian -> new CredentialView(guardianId, CredentialStatus.NONE, null, null, login));
        }
        Credential found = credential.get();
        return Optional.of(new CredentialView(guardianId, found.statusAt(clock.instant()), found.issuedAt(),
                found.expiresAt(), login));
    }
}
