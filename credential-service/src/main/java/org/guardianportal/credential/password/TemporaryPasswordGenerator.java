package org.guardianportal.credential.password;

import java.security.SecureRandom;

import org.guardianportal.credential.CredentialSettings;
import org.springframework.stereotype.Component;

/** Temporary passwords a guardian can copy from an email without confusing look-alike characters. */
@Component
class TemporaryPasswordGenerator {

    /** Letters and digits without 0, O, o, 1, l and I. */
    static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

    private final SecureRandom random = new SecureRandom();
    private final int length;

    TemporaryPasswordGenerator(CredentialSettings settings) {
        this.length = settings.password().length();
    }

    String next() {
        StringBuilder password = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
