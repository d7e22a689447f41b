package org.guardianportal.guardian.emailimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.guardianportal.guardian.guardian.ExternalRef;
import org.guardianportal.guardian.web.RequestRefusedException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class EmailImportCsvTest {

    @Test
    void aFrenchExcelExportIsRead() {
        byte[] file = "\uFEFFguardianId;Email\r\ng1;\"jean@example.fr\"\r\ng2;marie@example.fr;\r\n".getBytes(StandardCharsets.UTF_8);

        List<ImportRow> rows = EmailImportCsv.parse(file, null, 10);

        assertThat(rows).containsExactly(new ImportRow(2, "g1", null, "jean@example.fr", null),
                new ImportRow(3, "g2", null, "marie@example.fr", null));
    }

    @Test
    void aFileInWindowsEncodingIsReadToo() {
        byte[] file = "source,externalId,email\nSIECLE,Hélène-1,h@example.fr\n".getBytes(Charset.forName("windows-1252"));

        List<ImportRow> rows = EmailImportCsv.parse(file, null, 10);

        assertThat(rows.get(0).externalRef()).isEqualTo(new ExternalRef("SIECLE", "Hélène-1"));
    }

    @Test
    void columnsMayComeInAnyOrderAndCase() {
        byte[] file = "EMAIL,externalid,Source\n a@example.fr , E1 , SIECLE \n".getBytes(StandardCharsets.UTF_8);

        assertThat(EmailImportCsv.parse(file, null, 10))
                .containsExactly(new ImportRow(2, null, new ExternalRef("SIECLE", "E1"), "a@example.fr", null));
    }

    @Test
    void aLineMissingAColumnOrWithTooManyValuesIsReportedOnItsOwn() {
        byte[] file = "guardianId,email\ng1\ng2,a@example.fr,b@example.fr\n,c@example.fr\ng3,\n".getBytes(StandardCharsets.UTF_8);

        List<ImportRow> rows = EmailImportCsv.parse(file, null, 10);

        assertThat(rows).extracting(row -> row.problem() == null ? null : row.problem().toString()).containsExactly(
                "missing column: email",
                "too many values: expected 2 (guardianId, email), found 3; a value that contains the separator must be in double quotes",
                "missing guardianId",
                null);
        assertThat(rows.get(3).email()).isEmpty();
    }

    @Test
    void anUnknownHeaderRefusesTheWholeFileNamingTheExpectedHeaders() {
        byte[] file = "id,mail\ng1,a@example.fr\n".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> EmailImportCsv.parse(file, null, 10))
                .isInstanceOfSatisfying(RequestRefusedException.class,
                        refused -> assertThat(refused.status()).isEqualTo(HttpStatus.BAD_REQUEST))
                .hasMessageContaining("'guardianId,email' or 'source,externalId,email'");
    }

    @Test
    void moreRowsThanAllowedRefusesTheWholeFile() {
        byte[] file = "guardianId,email\ng1,a@example.fr\ng2,b@example.fr\n\n".getBytes(StandardCharsets.UTF_8);

        assertThat(EmailImportCsv.parse(file, null, 2)).hasSize(2);
        assertThatThrownBy(() -> EmailImportCsv.parse(file, null, 1))
                .isInstanceOfSatisfying(RequestRefusedException.class,
                        refused -> assertThat(refused.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE));
    }
}
