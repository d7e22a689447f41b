package org.guardianportal.guardian.emailimport;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.guardianportal.guardian.guardian.ExternalRef;
import org.guardianportal.guardian.guardian.Reason;
import org.guardianportal.guardian.web.RequestRefusedException;
import org.springframework.http.HttpStatus;

/**
 * Reads an email import file: a header line {@code guardianId,email} or {@code source,externalId,email}
 * (any order and case; ',' or ';' separated, as spreadsheets export it), then one row per guardian.
 * A UTF-8 byte order mark is ignored; a file that is not UTF-8 is read as Windows-1252 (Excel's "CSV" on Windows).
 */
final class EmailImportCsv {

    private static final Set<String> BY_ID = Set.of("guardianid", "email");
    private static final Set<String> BY_REFERENCE = Set.of("source", "externalid", "email");

    private EmailImportCsv() {
    }

    /** The rows of the file, or a refusal of the whole file (400 unreadable header, 413 too many rows). */
    static List<ImportRow> parse(byte[] body, Charset declared, int maxRows) {
        String text = decode(body, declared);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<CsvRecords.CsvRecord> records = CsvRecords.read(text, CsvRecords.detectSeparator(text))
                .stream().filter(record -> !record.isBlank()).toList();
        if (records.isEmpty()) {
            throw new RequestRefusedException(HttpStatus.BAD_REQUEST, Reason.of("EMPTY_FILE"));
        }
        if (records.size() - 1 > maxRows) {
            throw tooManyRows(records.size() - 1, maxRows);
        }
        List<String> columns = columns(records.get(0));
        List<ImportRow> rows = new ArrayList<>(records.size() - 1);
        for (CsvRecords.CsvRecord record : records.subList(1, records.size())) {
            rows.add(row(record, columns));
        }
        return rows;
    }

    static RequestRefusedException tooManyRows(int rows, int maxRows) {
        return new RequestRefusedException(HttpStatus.CONTENT_TOO_LARGE, Reason.of("TOO_MANY_ROWS", rows, maxRows));
    }

    private static List<String> columns(CsvRecords.CsvRecord header) {
        List<String> columns = header.values().stream()
                .map(name -> name.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "")).toList();
        while (columns.size() > 1 && columns.get(columns.size() - 1).isEmpty()) {
            columns = columns.subList(0, columns.size() - 1);
        }
        Set<String> names = Set.copyOf(columns);
        boolean known = header.problem() == null && names.size() == columns.size()
                && (names.equals(BY_ID) || names.equals(BY_REFERENCE));
        if (!known) {
            throw new RequestRefusedException(HttpStatus.BAD_REQUEST,
                    Reason.of("UNKNOWN_HEADER", String.join(",", header.values())));
        }
        return columns;
    }

    private static ImportRow row(CsvRecords.CsvRecord record, List<String> columns) {
        int line = record.line();
        if (record.problem() != null) {
            return ImportRow.broken(line, null, Reason.of("LINE_UNREADABLE", record.problem()));
        }
        List<String> values = record.values();
        if (values.size() < columns.size()) {
            String missing = columns.subList(values.size(), columns.size()).stream()
                    .map(EmailImportCsv::displayName).collect(Collectors.joining(", "));
            return ImportRow.broken(line, null, Reason.of("MISSING_COLUMN", missing));
        }
        if (values.subList(columns.size(), values.size()).stream().anyMatch(extra -> !extra.isBlank())) {
            String expected = columns.stream().map(EmailImportCsv::displayName).collect(Collectors.joining(", "));
            return ImportRow.broken(line, null, Reason.of("TOO_MANY_VALUES", columns.size(), expected, values.size()));
        }
        String guardianId = value(values, columns, "guardianid");
        String email = value(values, columns, "email");
        if (columns.contains("guardianid")) {
            return guardianId.isEmpty() ? ImportRow.broken(line, null, Reason.of("MISSING_GUARDIAN_ID"))
                    : new ImportRow(line, guardianId, null, email, null);
        }
        String source = value(values, columns, "source");
        String externalId = value(values, columns, "externalid");
        if (source.isEmpty() || externalId.isEmpty()) {
            return ImportRow.broken(line, null, Reason.of(source.isEmpty() ? "MISSING_SOURCE" : "MISSING_EXTERNAL_ID"));
        }
        return new ImportRow(line, null, new ExternalRef(source, externalId), email, null);
    }

    private static String value(List<String> values, List<String> columns, String column) {
        int index = columns.indexOf(column);
        return index < 0 ? null : values.get(index).strip();
    }

    private static String displayName(String column) {
        return switch (column) {
            case "guardianid" -> "guardianId";
            case "externalid" -> "externalId";
            default -> column;
        };
    }

    private static String decode(byte[] body, Charset declared) {
        if (declared != null) {
            return new String(body, declared);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(body, Charset.forName("windows-1252"));
        }
    }
}
