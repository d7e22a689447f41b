package org.guardianportal.guardian.guardian;

/** An address that a person would not be able to receive mail at; the reason says why (the message, in English). */
public class InvalidEmailException extends RuntimeException {

    private final Reason reason;

    public InvalidEmailException(Reason reason) {
        super(reason.toString());
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
