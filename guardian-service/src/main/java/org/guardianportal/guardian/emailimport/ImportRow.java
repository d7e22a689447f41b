package org.guardianportal.guardian.emailimport;

import org.guardianportal.guardian.guardian.ExternalRef;
import org.guardianportal.guardian.guardian.Reason;

/**
 * One row of an import as read from the file or the JSON body, before any guardian is looked up.
 *
 * @param line    CSV line number (the header is line 1), or 1-based position in the JSON list
 * @param problem why the row cannot even be read (a missing column, a broken line); null when it can
 */
record ImportRow(int line, String guardianId, ExternalRef externalRef, String email, Reason problem) {

    static ImportRow broken(int line, String guardianId, Reason problem) {
        return new ImportRow(line, guardianId, null, null, problem);
    }
}
