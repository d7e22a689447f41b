package org.guardianportal.guardian.guardian;

import java.util.Locale;
import java.util.Optional;

/**
 * The address rule a school secretary can understand: {@code name@domain.tld}, one {@code @}, no spaces,
 * a domain with a dot, at most 254 characters. It catches typing and copy-paste mistakes; it does not try to
 * accept every address RFC 5322 allows. Addresses are stored trimmed and in lower case.
 */
public final class EmailAddressRule {

    public static final int MAX_LENGTH = 254;

    /** Characters allowed before the @ besides letters and digits (RFC 5322 atext, plus the dot). */
    private static final String LOCAL_SYMBOLS = ".!#$%&'*+/=?^_`{|}~-";

    private EmailAddressRule() {
    }

    /** Why this address cannot be used; empty when it can. */
    public static Optional<Reason> problemWith(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.of(Reason.of("EMAIL_EMPTY"));
        }
        String address = raw.strip();
        if (address.length() > MAX_LENGTH) {
            return Optional.of(Reason.of("EMAIL_TOO_LONG", address.length(), MAX_LENGTH));
        }
        if (address.chars().anyMatch(Character::isWhitespace)) {
            return Optional.of(Reason.of("EMAIL_SPACE"));
        }
        for (char listSeparator : new char[] {',', ';'}) {
            if (address.indexOf(listSeparator) >= 0) {
                return Optional.of(Reason.of("EMAIL_SEVERAL_ADDRESSES", listSeparator));
            }
        }
        int at = address.indexOf('@');
        if (at < 0) {
            return Optional.of(Reason.of("EMAIL_NO_AT"));
        }
        if (address.indexOf('@', at + 1) >= 0) {
            return Optional.of(Reason.of("EMAIL_SEVERAL_AT"));
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        if (local.isEmpty()) {
            return Optional.of(Reason.of("EMAIL_NOTHING_BEFORE_AT"));
        }
        if (domain.isEmpty()) {
            return Optional.of(Reason.of("EMAIL_NOTHING_AFTER_AT"));
        }
        Optional<Reason> badCharacter = firstCharacterNotAllowed(local, LOCAL_SYMBOLS)
                .or(() -> firstCharacterNotAllowed(domain, ".-"));
        if (badCharacter.isPresent()) {
            return badCharacter;
        }
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return Optional.of(Reason.of("EMAIL_LOCAL_DOTS"));
        }
        if (!domain.contains(".")) {
            return Optional.of(Reason.of("EMAIL_DOMAIN_NO_DOT"));
        }
        if (domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")) {
            return Optional.of(Reason.of("EMAIL_DOMAIN_DOTS"));
        }
        for (String label : domain.split("\\.")) {
            if (label.startsWith("-") || label.endsWith("-")) {
                return Optional.of(Reason.of("EMAIL_DOMAIN_HYPHEN"));
            }
        }
        String ending = domain.substring(domain.lastIndexOf('.') + 1);
        if (ending.length() < 2 || !ending.chars().allMatch(Character::isLetter)) {
            return Optional.of(Reason.of("EMAIL_DOMAIN_ENDING", ending));
        }
        return Optional.empty();
    }

    /** The address as stored (trimmed, lower case), or {@link InvalidEmailException} saying why it cannot be used. */
    public static String normalise(String raw) {
        problemWith(raw).ifPresent(problem -> {
            throw new InvalidEmailException(problem);
        });
        return raw.strip().toLowerCase(Locale.ROOT);
    }

    private static Optional<Reason> firstCharacterNotAllowed(String part, String symbols) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            boolean plainLetterOrDigit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!plainLetterOrDigit && symbols.indexOf(c) < 0) {
                if (c > 127) {
                    return Optional.of(Reason.of("EMAIL_ACCENT", c));
                }
                return Optional.of(Reason.of("EMAIL_CHARACTER", c));
            }
        }
        return Optional.empty();
    }
}
