package org.guardianportal.guardian.guardian;

/** An address that a person would not be able to receive mail at; the message says why, in plain words. */
public class InvalidEmailException extends RuntimeException {

    public InvalidEmailException(String reason) {
        super(reason);
    }
}
