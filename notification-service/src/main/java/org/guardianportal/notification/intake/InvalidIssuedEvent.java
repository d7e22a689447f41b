package org.guardianportal.notification.intake;

/** A {@code credential.issued.v1} record that can never become a mail; it goes to the dead-letter topic. */
class InvalidIssuedEvent extends RuntimeException {

    InvalidIssuedEvent(String reason) {
        super(reason);
    }
}
