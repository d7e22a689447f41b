package org.guardianportal.guardian.guardian;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Search normalisation: lower case, accents stripped ("Héloïse" → "heloise"), ligatures spelled out
 * ("Cœur" → "coeur"), split into words. A guardian matches a query when every word of the query starts
 * one of the guardian's words, so "dup jea" finds Jean Dupont.
 */
public final class SearchTokens {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private SearchTokens() {
    }

    /** The words a guardian can be found by: each name's words, the name written without separators, the email's words. */
    public static List<String> of(String firstName, String lastName, String email) {
        Set<String> tokens = new LinkedHashSet<>();
        for (String name : new String[] {firstName, lastName}) {
            List<String> nameWords = words(name);
            tokens.addAll(nameWords);
            // "N'Diaye" is also typed "ndiaye", "Jean-Pierre" also "jeanpierre"
            if (nameWords.size() > 1) {
                tokens.add(String.join("", nameWords));
            }
        }
        tokens.addAll(words(email));
        return List.copyOf(tokens);
    }

    /** The words of what a user typed, normalised like the tokens (blank → none). */
    public static List<String> words(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<String> words = new ArrayList<>();
        for (String word : NOT_WORD.split(fold(text))) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    /** A name as it sorts for people: case and accents ignored. */
    public static String sortKey(String name) {
        return name == null ? "" : fold(name.strip());
    }

    static String fold(String text) {
        String spelledOut = text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
                .replace("ß", "ss");
        String withoutAccents = MARKS.matcher(Normalizer.normalize(spelledOut, Normalizer.Form.NFD)).replaceAll("");
        return withoutAccents.toLowerCase(Locale.ROOT);
    }
}
