package org.guardianportal.credential.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A request over a limit (bytes of the body, or ids of a batch): 413, worded by {@code detailCode}. */
public class RequestTooLargeException extends ErrorResponseException {

    public RequestTooLargeException(String detailCode, Object... values) {
        super(HttpStatus.CONTENT_TOO_LARGE, ProblemDetail.forStatus(HttpStatus.CONTENT_TOO_LARGE), null, detailCode,
                values);
    }
}
