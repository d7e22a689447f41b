package org.guardianportal.notification.message;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The words a message can be found by: lower case, accents removed ("Réinitialisé" → "reinitialise"), split on
 * anything that is neither a letter nor a digit. Stored with each message and applied to every search, so that
 * "MOT DE PASSE" finds "Votre mot de passe Portail Famille".
 */
public final class SearchWords {

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private SearchWords() {
    }

    /** The distinct words of all texts, in order of appearance; null texts are skipped. */
    public static List<String> of(String... texts) {
        Set<String> words = new LinkedHashSet<>();
        for (String text : texts) {
            if (text == null) {
                continue;
            }
            String plain = COMBINING_MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
            Arrays.stream(SEPARATORS.split(plain.toLowerCase(Locale.ROOT)))
                    .filter(word -> !word.isEmpty())
                    .forEach(words::add);
        }
        return List.copyOf(words);
    }
}
