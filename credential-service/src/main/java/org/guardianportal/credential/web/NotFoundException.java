package org.guardianportal.credential.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An id that names nothing: 404, its detail worded in the request's language by {@code detailCode}. */
public class NotFoundException extends ErrorResponseException {

    public NotFoundException(String detailCode, Object... values) {
        super(HttpStatus.NOT_FOUND, ProblemDetail.forStatus(HttpStatus.NOT_FOUND), null, detailCode, values);
    }
}
