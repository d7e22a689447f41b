package org.guardianportal.credential.messaging;

/** A record that parsed but breaks the contract (a required field missing): dead-lettered at once, never retried. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }

    /** Fails with "{@code <what>} without {@code <field>}" when {@code value} is missing. */
    public static void require(Object value, String field, String what) {
        if (value == null || value instanceof String text && text.isBlank()) {
            throw new InvalidEventException(what + " without " + field);
        }
    }
}
