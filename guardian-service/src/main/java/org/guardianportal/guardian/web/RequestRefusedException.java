package org.guardianportal.guardian.web;

import org.springframework.http.HttpStatus;

/** A request refused as a whole (an unknown CSV header, too many rows), with the status and the reason in words. */
public class RequestRefusedException extends RuntimeException {

    private final HttpStatus status;

    public RequestRefusedException(HttpStatus status, String detail) {
        super(detail);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
