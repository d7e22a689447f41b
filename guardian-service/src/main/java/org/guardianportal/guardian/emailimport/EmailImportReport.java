package org.guardianportal.guardian.emailimport;

import java.util.List;

/** What an import did, row by row, in the order of the file. */
record EmailImportReport(int total, int updated, int unchanged, int rejected, List<RowResult> rows) {

    enum Status {
        UPDATED,
        UNCHANGED,
        REJECTED
    }

    /** @param reason why the row was rejected, in words; null otherwise */
    record RowResult(int line, String guardianId, Status status, String reason) {
    }

    static EmailImportReport of(List<RowResult> rows) {
        int updated = (int) rows.stream().filter(row -> row.status() == Status.UPDATED).count();
        int unchanged = (int) rows.stream().filter(row -> row.status() == Status.UNCHANGED).count();
        return new EmailImportReport(rows.size(), updated, unchanged, rows.size() - updated - unchanged, rows);
    }
}
