package org.guardianportal.credential.password;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The rules a password chosen by a guardian must follow; each broken rule is said in words. */
final class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    /** bcrypt reads no further than 72 bytes. */
    static final int MAX_BYTES = 72;

    private PasswordPolicy() {
    }

    static List<String> violations(String login, String currentPassword, String candidate) {
        List<String> broken = new ArrayList<>();
        if (candidate.codePointCount(0, candidate.length()) < MIN_LENGTH) {
            broken.add("must have at least " + MIN_LENGTH + " characters");
        }
        if (candidate.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            broken.add("must be at most " + MAX_BYTES + " bytes long (64 characters without accents)");
        }
        if (candidate.codePoints().noneMatch(Character::isLetter) || candidate.codePoints().noneMatch(Character::isDigit)) {
            broken.add("must contain both letters and digits");
        }
        if (login != null && candidate.trim().equalsIgnoreCase(login.trim())) {
            broken.add("must not be the login");
        }
        if (candidate.equals(currentPassword)) {
            broken.add("must differ from the current password");
        }
        return broken;
    }
}
