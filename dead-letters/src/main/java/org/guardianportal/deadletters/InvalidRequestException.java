package org.guardianportal.deadletters;

/** A parameter out of range (a page, a size, a period), with its name. */
class InvalidRequestException extends DeadLetterRefusal {

    private final String field;

    InvalidRequestException(String field, String code, Object... values) {
        super(code, values);
        this.field = field;
    }

    String field() {
        return field;
    }
}
