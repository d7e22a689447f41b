package org.guardianportal.guardian.emailimport;

import java.util.List;
import java.util.Locale;

import org.guardianportal.guardian.guardian.Reason;

/** What an import did, row by row, in the order of the file. */
record EmailImportReport(int total, int updated, int unchanged, int rejected, List<RowResult> rows) {

    enum Status {
        UPDATED,
        UNCHANGED,
        REJECTED
    }

    /** @param reason why the row was rejected; null otherwise */
    record RowResult(int line, String guardianId, Status status, Reason reason) {
    }

    static EmailImportReport of(List<RowResult> rows) {
        int updated = (int) rows.stream().filter(row -> row.status() == Status.UPDATED).count();
        int unchanged = (int) rows.stream().filter(row -> row.status() == Status.UNCHANGED).count();
        return new EmailImportReport(rows.size(), updated, unchanged, rows.size() - updated - unchanged, rows);
    }

    /** The report as the API gives it: each rejected row's reason as a code and in words, in that language. */
    Worded in(Locale language) {
        return new Worded(total, updated, unchanged, rejected, rows.stream()
                .map(row -> new WordedRow(row.line(), row.guardianId(), row.status(),
                        row.reason() == null ? null : row.reason().code(),
                        row.reason() == null ? null : row.reason().in(language)))
                .toList());
    }

    record Worded(int total, int updated, int unchanged, int rejected, List<WordedRow> rows) {
    }

    /** @param code the reason's code (stable, for programs), {@code reason} its words; both null unless rejected */
    record WordedRow(int line, String guardianId, Status status, String code, String reason) {
    }
}
