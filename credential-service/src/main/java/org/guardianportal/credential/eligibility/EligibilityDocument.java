package org.guardianportal.credential.eligibility;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A guardian as last announced by guardian-service, keyed by guardianId. */
@Document(EligibilityDocument.COLLECTION)
record EligibilityDocument(
        @Id String guardianId,
        String firstName,
        String lastName,
        String email,
        String locale,
        Instant lastOccurredAt) {

    static final String COLLECTION = "eligibility";

    Eligibility toEligibility() {
        return new Eligibility(guardianId, firstName, lastName, email, locale);
    }
}
