package org.guardianportal.credential.password;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.guardianportal.web.BrokenRule;

/** The rules a password chosen by a guardian must follow; each broken rule named, to be worded in their language. */
final class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    /** bcrypt reads no further than 72 bytes. */
    static final int MAX_BYTES = 72;

    private PasswordPolicy() {
    }

    static List<BrokenRule> violations(String login, String currentPassword, String candidate) {
        List<BrokenRule> broken = new ArrayList<>();
        if (candidate.codePointCount(0, candidate.length()) < MIN_LENGTH) {
            broken.add(rule("password.tooShort", MIN_LENGTH));
        }
        if (candidate.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            broken.add(rule("password.tooLong", MAX_BYTES));
        }
        if (candidate.codePoints().noneMatch(Character::isLetter) || candidate.codePoints().noneMatch(Character::isDigit)) {
            broken.add(rule("password.lettersAndDigits"));
        }
        if (login != null && candidate.trim().equalsIgnoreCase(login.trim())) {
            broken.add(rule("password.isLogin"));
        }
        if (candidate.equals(currentPassword)) {
            broken.add(rule("password.unchanged"));
        }
        return broken;
    }

    private static BrokenRule rule(String code, Object... values) {
        return new BrokenRule("newPassword", code, values);
    }
}
