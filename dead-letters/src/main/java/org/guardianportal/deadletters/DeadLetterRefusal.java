package org.guardianportal.deadletters;

import java.util.Locale;

import org.guardianportal.web.Wordings;

/**
 * A request the dead-letter API refuses, with the code of its wording in {@code dead-letter-problems.properties} and
 * the values it names; its message is the English wording, for logs.
 */
abstract class DeadLetterRefusal extends RuntimeException {

    static final Wordings WORDINGS = new Wordings("dead-letter-problems");

    private final String code;
    private final transient Object[] values;

    DeadLetterRefusal(String code, Object... values) {
        super(WORDINGS.in(Locale.ENGLISH, code, values));
        this.code = code;
        this.values = values;
    }

    /** The wording in French when {@code language} is French, in English otherwise. */
    String in(Locale language) {
        return WORDINGS.in(language, code, values);
    }
}
