package org.guardianportal.guardian.web;

import org.guardianportal.guardian.guardian.Reason;

/**
 * A request parameter or field a person must correct, and why: answered 400 with {@code errors: [{field, message}]},
 * worded in the request's language.
 */
public class InvalidRequestException extends RuntimeException {

    private final String field;
    private final Reason reason;

    public InvalidRequestException(String field, Reason reason) {
        super(reason.toString());
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public Reason reason() {
        return reason;
    }
}
