package org.guardianportal.notification.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchWordsTest {

    @Test
    void wordsAreLowerCaseWithoutAccents() {
        assertThat(SearchWords.of("Réinitialisation de l'accès ÉLÈVE"))
                .containsExactly("reinitialisation", "de", "l", "acces", "eleve");
    }

    @Test
    void aSubjectAndItsSearchInAnyCaseGiveTheSameWords() {
        assertThat(SearchWords.of("MOT DE PASSE")).containsExactly("mot", "de", "passe");
        assertThat(SearchWords.of("Votre mot de passe Portail Famille")).containsSequence("mot", "de", "passe");
    }

    @Test
    void anAddressSplitsIntoItsWords() {
        assertThat(SearchWords.of("Hélène.Lefèvre-Martin@École.fr"))
                .containsExactly("helene", "lefevre", "martin", "ecole", "fr");
    }

    @Test
    void repeatedWordsAndMissingTextsAreDropped() {
        assertThat(SearchWords.of("passe", null, "Passe  passé", "   ")).containsExactly("passe");
    }
}
