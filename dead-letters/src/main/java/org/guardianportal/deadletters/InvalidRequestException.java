package org.guardianportal.deadletters;

/** A parameter out of range (a page, a size, a period), with its name. */
class InvalidRequestException extends RuntimeException {

    private final String field;

    InvalidRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
