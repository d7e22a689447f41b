package org.guardianportal.guardian.emailimport;

import java.util.ArrayList;
import java.util.List;

import org.guardianportal.contracts.Headers;
import org.guardianportal.guardian.guardian.Actor;
import org.guardianportal.guardian.guardian.ExternalRef;
import org.guardianportal.guardian.guardian.Reason;
import org.guardianportal.guardian.web.InvalidRequestException;
import org.guardianportal.web.RequestLanguages;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
class EmailImportController {

    private static final String PATH = "/api/guardians/email-imports";

    private final EmailImportService imports;

    EmailImportController(EmailImportService imports) {
        this.imports = imports;
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    EmailImportReport.Worded importJson(@RequestBody JsonImport request,
            @RequestHeader(name = Headers.AUTHENTICATED_USER, required = false) String user,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language) {
        if (request.rows() == null) {
            throw new InvalidRequestException("rows", Reason.of("ROWS_REQUIRED"));
        }
        if (request.rows().size() > imports.maxRows()) {
            throw EmailImportCsv.tooManyRows(request.rows().size(), imports.maxRows());
        }
        List<ImportRow> rows = new ArrayList<>(request.rows().size());
        for (int i = 0; i < request.rows().size(); i++) {
            rows.add(request.rows().get(i) == null ? ImportRow.broken(i + 1, null, Reason.of("EMPTY_ROW"))
                    : request.rows().get(i).toRow(i + 1));
        }
        return imports.importRows(rows, Actor.admin(user)).in(RequestLanguages.of(language));
    }

    @PostMapping(path = PATH, consumes = {"text/csv", "application/csv"})
    EmailImportReport.Worded importCsv(@RequestBody byte[] file,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType contentType,
            @RequestHeader(name = Headers.AUTHENTICATED_USER, required = false) String user,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language) {
        List<ImportRow> rows = EmailImportCsv.parse(file, contentType.getCharset(), imports.maxRows());
        return imports.importRows(rows, Actor.admin(user)).in(RequestLanguages.of(language));
    }

    record JsonImport(List<JsonRow> rows) {
    }

    record JsonRow(String guardianId, JsonExternalRef externalRef, String email) {

        ImportRow toRow(int line) {
            boolean hasId = guardianId != null && !guardianId.isBlank();
            if (hasId && externalRef != null) {
                return ImportRow.broken(line, guardianId, Reason.of("ID_AND_REFERENCE"));
            }
            if (hasId) {
                return new ImportRow(line, guardianId.strip(), null, email, null);
            }
            if (externalRef == null) {
                return ImportRow.broken(line, null, Reason.of("NO_ID_NOR_REFERENCE"));
            }
            if (externalRef.source() == null || externalRef.source().isBlank()
                    || externalRef.id() == null || externalRef.id().isBlank()) {
                return ImportRow.broken(line, null, Reason.of("REFERENCE_INCOMPLETE"));
            }
            return new ImportRow(line, null, new ExternalRef(externalRef.source().strip(), externalRef.id().strip()),
                    email, null);
        }
    }

    record JsonExternalRef(String source, String id) {
    }
}
