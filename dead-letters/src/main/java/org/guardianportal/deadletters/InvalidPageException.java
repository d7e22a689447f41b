package org.guardianportal.deadletters;

/** A page or size out of range, with the parameter it is about. */
class InvalidPageException extends RuntimeException {

    private final String field;

    InvalidPageException(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
