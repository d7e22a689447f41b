package org.guardianportal.guardian.guardian;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Why a value, a row or a request is refused: a stable {@code code} that programs can rely on, and the values its
 * wording needs. The wording is in English, or in French for a client that prefers it ({@code Accept-Language}), from
 * {@code reasons.properties} and {@code reasons_fr.properties}: a school secretary using the French screens reads
 * every reason in French, an integrator gets English and the code. {@code {0}}, {@code {1}}… in a wording are the
 * values, in order; a value that is itself a reason is worded in the same language. Serializable, as the exceptions
 * that carry it are: a refused district record's exception reaches the error handler serialised in a Kafka header.
 */
public record Reason(String code, List<Object> values) implements Serializable {

    private static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.FRENCH);
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
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            wording = wording.replace("{" + i + "}", value instanceof Reason reason ? reason.in(language)
                    : String.valueOf(value));
        }
        return wording;
    }

    /** In English: for logs and dead letters. */
    @Override
    public String toString() {
        return in(Locale.ENGLISH);
    }

    /**
     * The language a request asks for with its {@code Accept-Language} header: French or English, whichever it
     * prefers; English when it names neither, names nothing, or cannot be read.
     */
    public static Locale languageOf(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Locale.ENGLISH;
        }
        try {
            Locale preferred = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), LANGUAGES);
            return preferred == null ? Locale.ENGLISH : preferred;
        } catch (IllegalArgumentException e) {
            return Locale.ENGLISH;
        }
    }
}
