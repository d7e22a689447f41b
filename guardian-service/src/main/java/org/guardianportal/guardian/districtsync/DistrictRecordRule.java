package org.guardianportal.guardian.districtsync;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.guardianportal.contracts.GuardianUpdate;
import org.guardianportal.guardian.guardian.EmailAddressRule;
import org.guardianportal.guardian.guardian.Reason;

/**
 * What a district record must hold to be applied: a source and an id in it, both names, and either no email or
 * one that passes {@link EmailAddressRule}. The reason is written for the district's integrators and operators.
 */
final class DistrictRecordRule {

    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_REFERENCE_LENGTH = 200;

    private DistrictRecordRule() {
    }

    static Optional<Reason> problemWith(GuardianUpdate record) {
        List<String> missing = new ArrayList<>();
        if (isBlank(record.source())) {
            missing.add("source");
        }
        if (isBlank(record.externalId())) {
            missing.add("externalId");
        }
        if (isBlank(record.firstName())) {
            missing.add("firstName");
        }
        if (isBlank(record.lastName())) {
            missing.add("lastName");
        }
        if (!missing.isEmpty()) {
            return Optional.of(Reason.of(missing.size() > 1 ? "RECORD_MISSING_FIELDS" : "RECORD_MISSING_FIELD",
                    String.join(", ", missing)));
        }
        if (record.source().length() > MAX_REFERENCE_LENGTH || record.externalId().length() > MAX_REFERENCE_LENGTH) {
            return Optional.of(Reason.of("RECORD_REFERENCE_TOO_LONG", MAX_REFERENCE_LENGTH));
        }
        if (record.firstName().length() > MAX_NAME_LENGTH || record.lastName().length() > MAX_NAME_LENGTH) {
            return Optional.of(Reason.of("RECORD_NAME_TOO_LONG", MAX_NAME_LENGTH));
        }
        if (!isBlank(record.email())) {
            return EmailAddressRule.problemWith(record.email())
                    .map(problem -> Reason.of("INVALID_EMAIL", record.email(), problem));
        }
        return Optional.empty();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
