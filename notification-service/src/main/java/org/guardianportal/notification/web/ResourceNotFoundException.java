package org.guardianportal.notification.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The id in the path names nothing: 404, its detail worded in the request's language by {@code detailCode}. */
public class ResourceNotFoundException extends ErrorResponseException {

    public ResourceNotFoundException(String detailCode, Object... values) {
        super(HttpStatus.NOT_FOUND, ProblemDetail.forStatus(HttpStatus.NOT_FOUND), null, detailCode, values);
    }
}
