package org.guardianportal.guardian.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.guardianportal.guardian.emailimport.ImportInterruptedException;
import org.guardianportal.guardian.guardian.GuardianConflictException;
import org.guardianportal.guardian.guardian.GuardianNotFoundException;
import org.guardianportal.guardian.guardian.InvalidEmailException;
import org.guardianportal.guardian.guardian.Reason;
import org.guardianportal.web.RequestBodyTooLargeException;
import org.guardianportal.web.RequestLanguages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;

/** Every failure becomes an RFC 9457 problem with a detail a person can act on; never a bare 500 or a stack trace. */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler
    ProblemDetail notFound(GuardianNotFoundException e, WebRequest request) {
        return problem(HttpStatus.NOT_FOUND, e.reason(), request);
    }

    @ExceptionHandler
    ProblemDetail invalidEmail(InvalidEmailException e, WebRequest request) {
        return invalid("email", Reason.of("EMAIL_REFUSED", e.reason()), e.reason(), request);
    }

    @ExceptionHandler
    ProblemDetail invalidRequest(InvalidRequestException e, WebRequest request) {
        return invalid(e.field(), Reason.of("FIELD_INVALID", e.field(), e.reason()), e.reason(), request);
    }

    @ExceptionHandler
    ProblemDetail conflict(GuardianConflictException e, WebRequest request) {
        return problem(HttpStatus.CONFLICT, e.reason(), request);
    }

    @ExceptionHandler
    ProblemDetail refused(RequestRefusedException e, WebRequest request) {
        return problem(e.status(), e.reason(), request);
    }

    @ExceptionHandler
    ProblemDetail storeUnavailable(DataAccessResourceFailureException e, WebRequest request) {
        log.error("Guardian store unavailable", e);
        return problem(HttpStatus.SERVICE_UNAVAILABLE, Reason.of("STORE_UNAVAILABLE"), request);
    }

    @ExceptionHandler
    ProblemDetail importInterrupted(ImportInterruptedException e, WebRequest request) {
        log.error("Guardian store unavailable during an email import, from line {} on", e.firstLineNotApplied(),
                e.getCause());
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, e.reason(), request);
        problem.setProperty("firstLineNotApplied", e.firstLineNotApplied());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail unexpected(Exception e, WebRequest request) {
        log.error("Unexpected failure", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, Reason.of("UNEXPECTED"), request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        String fields = errors.stream().map(error -> error.get("field")).distinct().collect(Collectors.joining(", "));
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, Reason.of("FIELDS_INVALID", fields), request);
        problem.setProperty("errors", errors);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyTooLargeException tooLarge) {
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                        tooLarge.detail(RequestLanguages.of(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE))));
                return handleExceptionInternal(ex, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
            }
        }
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, unreadable(ex), request);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String field = ex.getPropertyName() == null ? "parameter" : ex.getPropertyName();
        Reason reason = Reason.of("VALUE_INVALID", ex.getValue());
        return handleExceptionInternal(ex, invalid(field, Reason.of("FIELD_INVALID", field, reason), reason, request),
                headers, HttpStatus.BAD_REQUEST, request);
    }

    private static Reason unreadable(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getMostSpecificCause();
        if (cause instanceof StreamReadException syntax) {
            TokenStreamLocation location = syntax.getLocation();
            return location == null || location.getLineNr() < 0 ? Reason.of("BODY_NOT_JSON")
                    : Reason.of("BODY_NOT_JSON_AT", location.getLineNr(), location.getColumnNr());
        }
        if (cause instanceof JacksonException mapping && !mapping.getPath().isEmpty()) {
            return Reason.of("FIELD_WRONG_TYPE", fieldPath(mapping));
        }
        if (ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing")) {
            return Reason.of("BODY_MISSING");
        }
        return Reason.of("BODY_UNREADABLE");
    }

    private static String fieldPath(JacksonException e) {
        return e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** In the language the request prefers (French or English), with the reason's code. */
    private static ProblemDetail problem(HttpStatus status, Reason reason, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
                reason.in(RequestLanguages.of(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE))));
        problem.setProperty("code", reason.code());
        return problem;
    }

    /** A 400 with its detail and the field's reason, in the language the request prefers, with the reason's code. */
    private static ProblemDetail invalid(String field, Reason detail, Reason reason, WebRequest request) {
        Locale language = RequestLanguages.of(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail.in(language));
        problem.setProperty("code", reason.code());
        problem.setProperty("errors", List.of(Map.of("field", field, "message", reason.in(language))));
        return problem;
    }
}
