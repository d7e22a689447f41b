package org.guardianportal.deadletters;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.guardianportal.deadletters.DeadLetterLog.KafkaUnavailableException;
import org.guardianportal.web.RequestLanguages;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/**
 * The dead-letter API's errors as problem+json, in the request's language, before the service's own advice sees them.
 */
@RestControllerAdvice(assignableTypes = DeadLetterController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class DeadLetterProblems {

    @ExceptionHandler
    ProblemDetail notFound(DeadLetterNotFoundException e, WebRequest request) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.in(languageOf(request)));
    }

    @ExceptionHandler
    ProblemDetail invalidRequest(InvalidRequestException e, WebRequest request) {
        Locale language = languageOf(request);
        String message = e.in(language);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                DeadLetterRefusal.WORDINGS.in(language, "request.invalid", e.field(), message));
        problem.setProperty("errors", List.of(Map.of("field", e.field(), "message", message)));
        return problem;
    }

    @ExceptionHandler
    ProblemDetail kafkaUnavailable(KafkaUnavailableException e, WebRequest request) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.in(languageOf(request)));
    }

    private static Locale languageOf(WebRequest request) {
        return RequestLanguages.of(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
    }
}
