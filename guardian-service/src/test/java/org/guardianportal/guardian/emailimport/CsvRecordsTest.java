package org.guardianportal.guardian.emailimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.guardianportal.guardian.emailimport.CsvRecords.CsvRecord;
import org.junit.jupiter.api.Test;

class CsvRecordsTest {

    @Test
    void quotedValuesMayHoldSeparatorsQuotesAndLineBreaks() {
        List<CsvRecord> records = CsvRecords.read("a,\"b,1\",\"say \"\"hi\"\"\"\n\"two\nlines\",x\n", ',');

        assertThat(records).extracting(CsvRecord::values)
                .containsExactly(List.of("a", "b,1", "say \"hi\""), List.of("two\nlines", "x"));
        assertThat(records).extracting(CsvRecord::line).containsExactly(1, 2);
    }

    @Test
    void crlfLfAndCrLineEndsAreAllLineEnds() {
        List<CsvRecord> records = CsvRecords.read("a;1\r\nb;2\nc;3\rd;4", ';');

        assertThat(records).extracting(CsvRecord::values)
                .containsExactly(List.of("a", "1"), List.of("b", "2"), List.of("c", "3"), List.of("d", "4"));
        assertThat(records).extracting(CsvRecord::line).containsExactly(1, 2, 3, 4);
    }

    @Test
    void aRecordAfterAMultiLineValueKeepsItsRealLineNumber() {
        List<CsvRecord> records = CsvRecords.read("h\r\n\"x\r\ny\"\r\nlast\r\n", ',');

        assertThat(records).extracting(CsvRecord::line).containsExactly(1, 2, 4);
    }

    @Test
    void aQuoteNeverClosedBreaksOnlyItsOwnLine() {
        List<CsvRecord> records = CsvRecords.read("h,e\n\"g1,a@example.fr\ng2,b@example.fr\n", ',');

        assertThat(records).hasSize(3);
        assertThat(records.get(1).line()).isEqualTo(2);
        assertThat(records.get(1).problem()).hasToString("a double quote is opened but never closed");
        assertThat(records.get(2).values()).containsExactly("g2", "b@example.fr");
        assertThat(records.get(2).line()).isEqualTo(3);
    }

    @Test
    void textAfterAClosingQuoteBreaksOnlyItsOwnLine() {
        List<CsvRecord> records = CsvRecords.read("\"g1\"x,a@example.fr\ng2,b@example.fr", ',');

        assertThat(records.get(0).problem().toString()).startsWith("there is text after a closing double quote");
        assertThat(records.get(1).values()).containsExactly("g2", "b@example.fr");
        assertThat(records.get(1).line()).isEqualTo(2);
    }

    @Test
    void emptyLinesAndLinesOfEmptyValuesAreBlank() {
        List<CsvRecord> records = CsvRecords.read("a,b\n\n , ,\n", ',');

        assertThat(records).extracting(CsvRecord::isBlank).containsExactly(false, true, true);
    }

    @Test
    void theSeparatorIsGuessedFromTheHeaderLine() {
        assertThat(CsvRecords.detectSeparator("guardianId;email\r\nx,y;z")).isEqualTo(';');
        assertThat(CsvRecords.detectSeparator("guardianId,email\nx;y;z")).isEqualTo(',');
        assertThat(CsvRecords.detectSeparator("\"a;b\",email")).isEqualTo(',');
    }
}
