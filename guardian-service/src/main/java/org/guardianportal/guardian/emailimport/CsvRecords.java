package org.guardianportal.guardian.emailimport;

import java.util.ArrayList;
import java.util.List;

import org.guardianportal.guardian.guardian.Reason;

/**
 * RFC 4180 records: values separated by {@code separator}, double quotes around values that hold a separator,
 * a quote ({@code ""}) or a line break; CRLF, LF or CR line ends. A broken record (a quote never closed, text
 * after a closing quote) is returned with its problem and reading goes on at the next line, so one bad line
 * does not take the rest of the file with it.
 */
final class CsvRecords {

    /** @param line physical line (1-based) where the record starts */
    record CsvRecord(int line, List<String> values, Reason problem) {

        boolean isBlank() {
            return problem == null && values.stream().allMatch(String::isBlank);
        }
    }

    private final String text;
    private final char separator;
    private int position;
    private int line = 1;

    private CsvRecords(String text, char separator) {
        this.text = text;
        this.separator = separator;
    }

    static List<CsvRecord> read(String text, char separator) {
        return new CsvRecords(text, separator).readAll();
    }

    /** ';' when the first line holds more semicolons than commas (French spreadsheet exports), else ','. */
    static char detectSeparator(String text) {
        int commas = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted && c == ',') {
                commas++;
            } else if (!quoted && c == ';') {
                semicolons++;
            }
        }
        return semicolons > commas ? ';' : ',';
    }

    private List<CsvRecord> readAll() {
        List<CsvRecord> records = new ArrayList<>();
        while (position < text.length()) {
            records.add(readRecord());
        }
        return records;
    }

    private CsvRecord readRecord() {
        int startLine = line;
        List<String> values = new ArrayList<>();
        while (true) {
            Reason problem = null;
            if (position < text.length() && text.charAt(position) == '"') {
                problem = readQuoted(values);
            } else {
                values.add(readPlain());
            }
            if (problem != null) {
                return new CsvRecord(startLine, values, problem);
            }
            if (position >= text.length()) {
                return new CsvRecord(startLine, values, null);
            }
            char c = text.charAt(position);
            if (c == separator) {
                position++;
            } else {
                skipLineEnd();
                return new CsvRecord(startLine, values, null);
            }
        }
    }

    private String readPlain() {
        int start = position;
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c == separator || c == '\n' || c == '\r') {
                break;
            }
            position++;
        }
        return text.substring(start, position);
    }

    /** Reads a quoted value into {@code values}; returns the problem when the value is broken. */
    private Reason readQuoted(List<String> values) {
        int quoteLine = line;
        int quoteLineEnd = endOfLine(position);
        position++;
        StringBuilder value = new StringBuilder();
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c == '"') {
                if (position + 1 < text.length() && text.charAt(position + 1) == '"') {
                    value.append('"');
                    position += 2;
                    continue;
                }
                position++;
                values.add(value.toString());
                if (position < text.length()) {
                    char next = text.charAt(position);
                    if (next != separator && next != '\n' && next != '\r') {
                        skipToNextLine();
                        return Reason.of("CSV_TEXT_AFTER_QUOTE");
                    }
                }
                return null;
            }
            countLineBreak(position);
            value.append(c);
            position++;
        }
        // never closed: the quote on quoteLine is the mistake; resume right after that line
        position = quoteLineEnd;
        line = quoteLine;
        skipLineEnd();
        values.add(value.toString());
        return Reason.of("CSV_QUOTE_NOT_CLOSED");
    }

    private int endOfLine(int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    private void skipToNextLine() {
        position = endOfLine(position);
        skipLineEnd();
    }

    private void skipLineEnd() {
        if (position < text.length() && text.charAt(position) == '\r') {
            position++;
        }
        if (position < text.length() && text.charAt(position) == '\n') {
            position++;
        }
        line++;
    }

    private void countLineBreak(int i) {
        char c = text.charAt(i);
        if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
            line++;
        }
    }
}
