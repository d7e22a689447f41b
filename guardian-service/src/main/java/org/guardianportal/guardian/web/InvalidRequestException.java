package org.guardianportal.guardian.web;

/** A request parameter or field a person must correct: answered 400 with {@code errors: [{field, message}]}. */
public class InvalidRequestException extends RuntimeException {

    private final String field;

    public InvalidRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
