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

    /** Why this address cannot be used, in plain words; empty when it can. */
    public static Optional<String> problemWith(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.of("the email address is empty");
        }
        String address = raw.strip();
        if (address.length() > MAX_LENGTH) {
            return Optional.of("the address is too long (" + address.length() + " characters, at most " + MAX_LENGTH + ")");
        }
        if (address.chars().anyMatch(Character::isWhitespace)) {
            return Optional.of("the address contains a space");
        }
        for (char listSeparator : new char[] {',', ';'}) {
            if (address.indexOf(listSeparator) >= 0) {
                return Optional.of("the address contains '" + listSeparator + "': give a single address");
            }
        }
        int at = address.indexOf('@');
        if (at < 0) {
            return Optional.of("the address has no @ (expected something like name@example.fr)");
        }
        if (address.indexOf('@', at + 1) >= 0) {
            return Optional.of("the address has more than one @");
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        if (local.isEmpty()) {
            return Optional.of("nothing before the @");
        }
        if (domain.isEmpty()) {
            return Optional.of("nothing after the @");
        }
        Optional<String> badCharacter = firstCharacterNotAllowed(local, LOCAL_SYMBOLS)
                .or(() -> firstCharacterNotAllowed(domain, ".-"));
        if (badCharacter.isPresent()) {
            return badCharacter;
        }
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return Optional.of("the part before the @ starts or ends with a dot, or has two dots in a row");
        }
        if (!domain.contains(".")) {
            return Optional.of("the part after the @ has no dot (expected something like example.fr)");
        }
        if (domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")) {
            return Optional.of("the part after the @ starts or ends with a dot, or has two dots in a row");
        }
        for (String label : domain.split("\\.")) {
            if (label.startsWith("-") || label.endsWith("-")) {
                return Optional.of("a part of the domain starts or ends with a hyphen");
            }
        }
        String ending = domain.substring(domain.lastIndexOf('.') + 1);
        if (ending.length() < 2 || !ending.chars().allMatch(Character::isLetter)) {
            return Optional.of("the domain ending '." + ending + "' is not a real one (expected letters, like .fr or .com)");
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

    private static Optional<String> firstCharacterNotAllowed(String part, String symbols) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            boolean plainLetterOrDigit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!plainLetterOrDigit && symbols.indexOf(c) < 0) {
                if (c > 127) {
                    return Optional.of("the address contains '" + c + "': use plain letters without accents");
                }
                return Optional.of("the address contains '" + c + "', which is not allowed in an address");
            }
        }
        return Optional.empty();
    }
}
