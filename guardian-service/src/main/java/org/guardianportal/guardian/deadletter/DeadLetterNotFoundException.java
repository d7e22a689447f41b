package org.guardianportal.guardian.deadletter;

public class DeadLetterNotFoundException extends RuntimeException {

    DeadLetterNotFoundException(String id) {
        super("No dead letter has the id '" + id + "'.");
    }
}
