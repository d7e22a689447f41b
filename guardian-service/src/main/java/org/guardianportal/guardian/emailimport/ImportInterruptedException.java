package org.guardianportal.guardian.emailimport;

/**
 * The store went out of reach part way through an import: the rows before {@link #firstLineNotApplied()} are applied
 * and announced, the ones from it on may not be. Importing the same list again finishes the job, since a row already
 * applied is then unchanged.
 */
public class ImportInterruptedException extends RuntimeException {

    private final int firstLineNotApplied;

    ImportInterruptedException(int firstLineNotApplied, RuntimeException cause) {
        super("The guardian store could not be reached during the import. The rows before line " + firstLineNotApplied
                + " are applied; those from line " + firstLineNotApplied + " on may not be. Import the same list again"
                + " in a moment: the rows already applied are then reported as unchanged.", cause);
        this.firstLineNotApplied = firstLineNotApplied;
    }

    public int firstLineNotApplied() {
        return firstLineNotApplied;
    }
}
