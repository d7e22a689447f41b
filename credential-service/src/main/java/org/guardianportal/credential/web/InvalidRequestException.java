package org.guardianportal.credential.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A request whose content breaks a rule: 400 with the broken rules as {@code errors}. */
public class InvalidRequestException extends ErrorResponseException {

    public InvalidRequestException(String detail, List<FieldError> errors) {
        super(HttpStatus.BAD_REQUEST, problem(detail, errors), null);
    }

    public InvalidRequestException(String field, String message) {
        this("The request is invalid: " + field + " " + message + ".", List.of(new FieldError(field, message)));
    }

    private static ProblemDetail problem(String detail, List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setProperty("errors", List.copyOf(errors));
        return problem;
    }
}
