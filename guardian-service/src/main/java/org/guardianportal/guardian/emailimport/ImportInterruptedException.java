package org.guardianportal.guardian.emailimport;

import org.guardianportal.guardian.guardian.Reason;

/**
 * The store went out of reach part way through an import: the rows before {@link #firstLineNotApplied()} are applied
 * and announced, the ones from it on may not be. Importing the same list again finishes the job, since a row already
 * applied is then unchanged.
 */
public class ImportInterruptedException extends RuntimeException {

    private final int firstLineNotApplied;
    private final Reason reason;

    ImportInterruptedException(int firstLineNotApplied, RuntimeException cause) {
        this(firstLineNotApplied, Reason.of("IMPORT_INTERRUPTED", firstLineNotApplied), cause);
    }

    private ImportInterruptedException(int firstLineNotApplied, Reason reason, RuntimeException cause) {
        super(reason.toString(), cause);
        this.firstLineNotApplied = firstLineNotApplied;
        this.reason = reason;
    }

    public int firstLineNotApplied() {
        return firstLineNotApplied;
    }

    public Reason reason() {
        return reason;
    }
}
