package org.guardianportal.guardian.emailimport;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.guardianportal.guardian.emailimport.EmailImportReport.RowResult;
import org.guardianportal.guardian.emailimport.EmailImportReport.Status;
import org.guardianportal.guardian.guardian.Actor;
import org.guardianportal.guardian.guardian.EmailAddressRule;
import org.guardianportal.guardian.guardian.ExternalRef;
import org.guardianportal.guardian.guardian.Reason;
import org.guardianportal.guardian.guardian.Guardian;
import org.guardianportal.guardian.guardian.GuardianBatch;
import org.guardianportal.guardian.guardian.GuardianChange;
import org.guardianportal.guardian.guardian.GuardianService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Service;

/**
 * Applies a list of addresses: valid rows are applied, the others are reported with their reason and change
 * nothing. Rows are taken {@value #CHUNK} at a time: their guardians read in chunks of {@code $in}, their changes
 * written in one bulk write and published asynchronously. No round trip per row, and only one chunk's guardians and
 * changes held at a time: importing 20,000 rows in one piece, the service kept about 60 MB after each full collection
 * and collected every second or so; a chunk at a time, about 45 MB. If the store goes out of reach, the chunks
 * before stay applied, and the answer says from which line on the rows may not be.
 */
@Service
class EmailImportService {

    private static final Logger log = LoggerFactory.getLogger(EmailImportService.class);
    private static final int CHUNK = 1_000;

    private final GuardianService guardians;
    private final EmailImportSettings settings;

    EmailImportService(GuardianService guardians, EmailImportSettings settings) {
        this.guardians = guardians;
        this.settings = settings;
    }

    int maxRows() {
        return settings.maxRows();
    }

    EmailImportReport importRows(List<ImportRow> rows, Actor actor) {
        if (rows.size() > settings.maxRows()) {
            throw EmailImportCsv.tooManyRows(rows.size(), settings.maxRows());
        }
        Instant now = guardians.now();
        List<RowResult> results = new ArrayList<>(rows.size());
        Map<String, Integer> firstLineOf = new HashMap<>();
        for (int from = 0; from < rows.size(); from += CHUNK) {
            List<ImportRow> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
            try {
                importChunk(chunk, actor, now, firstLineOf, results);
            } catch (DataAccessResourceFailureException e) {
                // the chunks before are written: "nothing was changed" would not be true
                throw new ImportInterruptedException(chunk.get(0).line(), e);
            }
        }
        EmailImportReport report = EmailImportReport.of(results);
        log.info("Email import by {}: {} rows, {} updated, {} unchanged, {} rejected", actor.name(), report.total(),
                report.updated(), report.unchanged(), report.rejected());
        return report;
    }

    /**
     * Decides and writes one chunk of rows, adding their results. {@code firstLineOf} spans the whole import: a
     * guardian listed in an earlier chunk, by id or by reference, is rejected here as listed twice.
     */
    private void importChunk(List<ImportRow> rows, Actor actor, Instant now, Map<String, Integer> firstLineOf,
            List<RowResult> results) {
        Set<String> ids = new HashSet<>();
        Set<ExternalRef> refs = new HashSet<>();
        for (ImportRow row : rows) {
            if (row.problem() == null && row.guardianId() != null) {
                ids.add(row.guardianId());
            } else if (row.problem() == null && row.externalRef() != null) {
                refs.add(row.externalRef());
            }
        }
        GuardianBatch batch = guardians.findAll(ids, refs);

        Map<String, Integer> resultIndexOfChange = new HashMap<>();
        List<GuardianChange> changes = new ArrayList<>();
        for (ImportRow row : rows) {
            if (row.problem() != null) {
                results.add(rejected(row, row.guardianId(), row.problem()));
                continue;
            }
            Guardian guardian = (row.guardianId() != null ? batch.byId(row.guardianId()) : batch.byReference(row.externalRef()))
                    .orElse(null);
            if (guardian == null) {
                results.add(rejected(row, row.guardianId(), row.guardianId() != null
                        ? Reason.of("UNKNOWN_GUARDIAN_ID", row.guardianId())
                        : Reason.of("UNKNOWN_GUARDIAN_REFERENCE", row.externalRef().source(), row.externalRef().id())));
                continue;
            }
            Integer firstLine = firstLineOf.putIfAbsent(guardian.id(), row.line());
            if (firstLine != null) {
                results.add(rejected(row, guardian.id(), Reason.of("LISTED_TWICE", firstLine)));
                continue;
            }
            if (row.email() == null || row.email().isBlank()) {
                results.add(rejected(row, guardian.id(), Reason.of("EMPTY_EMAIL")));
                continue;
            }
            Optional<Reason> invalid = EmailAddressRule.problemWith(row.email());
            if (invalid.isPresent()) {
                results.add(rejected(row, guardian.id(),
                        Reason.of("INVALID_EMAIL", row.email().strip(), invalid.get())));
                continue;
            }
            Optional<GuardianChange> change = guardian.changeEmail(row.email(), actor, now);
            if (change.isEmpty()) {
                results.add(new RowResult(row.line(), guardian.id(), Status.UNCHANGED, null));
                continue;
            }
            changes.add(change.get());
            resultIndexOfChange.put(guardian.id(), results.size());
            results.add(new RowResult(row.line(), guardian.id(), Status.UPDATED, null));
        }

        Set<String> applied = new HashSet<>(guardians.applyAll(batch, changes));
        resultIndexOfChange.forEach((guardianId, index) -> {
            if (!applied.contains(guardianId)) {
                RowResult result = results.get(index);
                results.set(index, new RowResult(result.line(), guardianId, Status.REJECTED,
                        Reason.of("CHANGED_DURING_IMPORT")));
            }
        });
    }

    private static RowResult rejected(ImportRow row, String guardianId, Reason reason) {
        return new RowResult(row.line(), guardianId, Status.REJECTED, reason);
    }
}
