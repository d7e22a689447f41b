package org.guardianportal.notification.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The request is valid but the resource's current state forbids it: 409, with the reason worded in the request's
 * language by {@code detailCode}.
 */
public class RequestConflictException extends ErrorResponseException {

    public RequestConflictException(String detailCode, Object... values) {
        super(HttpStatus.CONFLICT, ProblemDetail.forStatus(HttpStatus.CONFLICT), null, detailCode, values);
    }
}
