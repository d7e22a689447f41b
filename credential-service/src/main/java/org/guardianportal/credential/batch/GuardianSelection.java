package org.guardianportal.credential.batch;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.guardianportal.credential.web.FieldError;
import org.guardianportal.credential.web.InvalidRequestException;
import org.guardianportal.credential.web.RequestTooLargeException;

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
            throw new InvalidRequestException("guardianIds", "must list at least one guardian id");
        }
        if (requested.size() > maxGuardians) {
            throw new RequestTooLargeException("A batch selects at most " + maxGuardians + " guardians; this one lists "
                    + requested.size() + ".");
        }
        List<FieldError> errors = new ArrayList<>();
        Set<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            String id = requested.get(i);
            String problem = id == null || id.isBlank() ? "must not be blank"
                    : id.length() > MAX_ID_LENGTH ? "must have at most " + MAX_ID_LENGTH + " characters"
                    : null;
            if (problem != null && errors.size() < MAX_REPORTED_ERRORS) {
                errors.add(new FieldError("guardianIds[" + i + "]", problem));
            }
            if (problem == null) {
                distinct.add(id.trim());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("Some guardian ids are invalid; nothing was queued.", errors);
        }
        return new GuardianSelection(new ArrayList<>(distinct));
    }

    int size() {
        return guardianIds.size();
    }
}
