package org.guardianportal.web;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Sentences of a bundle of properties, {@code <name>.properties} in English and {@code <name>_fr.properties} in
 * French, each a {@link MessageFormat} pattern: for a part that words its answers without Spring's message source.
 */
public final class Wordings {

    private static final ResourceBundle.Control NO_FALLBACK_TO_THE_MACHINE = ResourceBundle.Control
            .getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final String name;

    public Wordings(String name) {
        this.name = name;
    }

    /** The wording of {@code code} in French when {@code language} is French, in English otherwise. */
    public String in(Locale language, String code, Object... values) {
        boolean french = Locale.FRENCH.getLanguage().equals(language.getLanguage());
        ResourceBundle bundle = ResourceBundle.getBundle(name, french ? Locale.FRENCH : Locale.ROOT,
                NO_FALLBACK_TO_THE_MACHINE);
        return new MessageFormat(bundle.getString(code), french ? Locale.FRENCH : Locale.ENGLISH).format(values);
    }
}
