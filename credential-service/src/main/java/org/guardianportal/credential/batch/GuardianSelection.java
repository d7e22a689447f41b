package org.guardianportal.credential.batch;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.guardianportal.credential.web.RequestTooLargeException;
import org.guardianportal.web.BrokenRule;
import org.guardianportal.web.InvalidRequestException;

/** The guardians an administrator selected for a batch: distinct ids, in the order given. */
record GuardianSelection(List<String> guardianIds) {

    static final int MAX_ID_LENGTH = 100;
    private static final int MAX_REPORTED_ERRORS = 20;

    GuardianSelection {
        guardianIds = List.copyOf(guardianIds);
    }

    /**
     * Checks a selection as sent: at least one id, at most {@code maxGuardians} ids (more is a 413), no blank or
     * over-long id. Duplicates are collapsed.
     */
    static GuardianSelection of(List<String> requested, int maxGuardians) {
        if (requested == null || requested.isEmpty()) {
            throw new InvalidRequestException(new BrokenRule("guardianIds", "batch.noGuardian"));
        }
        if (requested.size() > maxGuardians) {
            throw new RequestTooLargeException("batch.tooMany", maxGuardians, requested.size());
        }
        List<BrokenRule> errors = new ArrayList<>();
        Set<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            String id = requested.get(i);
            String field = "guardianIds[" + i + "]";
            BrokenRule problem = id == null || id.isBlank() ? new BrokenRule(field, "batch.blankId")
                    : id.length() > MAX_ID_LENGTH ? new BrokenRule(field, "batch.longId", MAX_ID_LENGTH)
                    : null;
            if (problem != null && errors.size() < MAX_REPORTED_ERRORS) {
                errors.add(problem);
            }
            if (problem == null) {
                distinct.add(id.trim());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors, "batch.invalidIds");
        }
        return new GuardianSelection(new ArrayList<>(distinct));
    }

    int size() {
        return guardianIds.size();
    }
}
