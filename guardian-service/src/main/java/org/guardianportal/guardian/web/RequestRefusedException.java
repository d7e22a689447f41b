package org.guardianportal.guardian.web;

import org.guardianportal.guardian.guardian.Reason;
import org.springframework.http.HttpStatus;

/** A request refused as a whole (an unknown CSV header, too many rows), with the status and the reason. */
public class RequestRefusedException extends RuntimeException {

    private final HttpStatus status;
    private final Reason reason;

    public RequestRefusedException(HttpStatus status, Reason reason) {
        super(reason.toString());
        this.status = status;
        this.reason = reason;
    }

    public HttpStatus status() {
        return status;
    }

    public Reason reason() {
        return reason;
    }
}
