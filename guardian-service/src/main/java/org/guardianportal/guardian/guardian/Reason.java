package org.guardianportal.guardian.guardian;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a value, a row or a request is refused: a stable {@code code} that programs can rely on, and the values its
 * wording needs. The wording is in English, or in French for a client that prefers it ({@code Accept-Language}), from
 * {@code reasons.properties} and {@code reasons_fr.properties}: a school secretary using the French screens reads
 * every reason in French, an integrator gets English and the code. {@code {0}}, {@code {1}}… in a wording are the
 * values, in order; a value that is itself a reason is worded in the same language. Serializable, as the exceptions
 * that carry it are: a refused district record's exception reaches the error handler serialised in a Kafka header.
 */
public record Reason(String code, List<Object> values) implements Serializable {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");
    private static final ResourceBundle.Control NO_FALLBACK_TO_THE_MACHINE = ResourceBundle.Control
            .getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    public Reason {
        values = List.copyOf(values);
    }

    public static Reason of(String code, Object... values) {
        return new Reason(code, List.of(values));
    }

    /** The wording in that language (English unless it is French). */
    public String in(Locale language) {
        ResourceBundle wordings = ResourceBundle.getBundle("reasons",
                Locale.FRENCH.getLanguage().equals(language.getLanguage()) ? Locale.FRENCH : Locale.ROOT,
                NO_FALLBACK_TO_THE_MACHINE);
        String wording;
        try {
            wording = wordings.getString(code);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("No wording for the reason " + code, e);
        }
        // one pass over the wording: a value (an address as typed) that holds "{1}" or "$1" is shown as it came
        return PLACEHOLDER.matcher(wording).replaceAll(placeholder -> {
            int index = Integer.parseInt(placeholder.group(1));
            if (index >= values.size()) {
                return Matcher.quoteReplacement(placeholder.group());
            }
            Object value = values.get(index);
            return Matcher.quoteReplacement(value instanceof Reason reason ? reason.in(language) : String.valueOf(value));
        });
    }

    /** In English: for logs and dead letters. */
    @Override
    public String toString() {
        return in(Locale.ENGLISH);
    }
}
