package org.guardianportal.secret;

/** A sealed secret that cannot be opened: unknown key id, wrong key, or tampered data. */
public class SecretUnreadableException extends RuntimeException {

    public SecretUnreadableException(String message) {
        super(message);
    }
}
