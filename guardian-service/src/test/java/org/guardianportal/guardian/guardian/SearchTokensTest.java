package org.guardianportal.guardian.guardian;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchTokensTest {

    @Test
    void accentsAndCaseAreFoldedAway() {
        assertThat(SearchTokens.words("Héloïse ÉLODIE Çédric")).containsExactly("heloise", "elodie", "cedric");
    }

    @Test
    void ligaturesAreSpelledOut() {
        assertThat(SearchTokens.words("Cœur Læticia Straße")).containsExactly("coeur", "laeticia", "strasse");
    }

    @Test
    void aGuardianIsFoundByEachWordOfItsNamesAndEmail() {
        assertThat(SearchTokens.of("Jean-Pierre", "Dupont", "jp.dupont@example.fr"))
                .contains("jean", "pierre", "dupont", "jp", "example", "fr");
    }

    @Test
    void compoundNamesCanAlsoBeTypedWithoutTheirSeparators() {
        assertThat(SearchTokens.of("Jean-Pierre", "N'Diaye", null)).contains("jeanpierre", "ndiaye", "n", "diaye");
    }

    @Test
    void eachTokenAppearsOnce() {
        assertThat(SearchTokens.of("Jean", "Jean", "jean@jean.fr")).containsExactly("jean", "fr");
    }

    @Test
    void aQueryIsSplitLikeTheTokensSoAnEmailCanBeTypedWhole() {
        assertThat(SearchTokens.words("  Dup,  JEA ")).containsExactly("dup", "jea");
        assertThat(SearchTokens.words("jean.dupont@exa")).containsExactly("jean", "dupont", "exa");
        assertThat(SearchTokens.words("  ")).isEmpty();
        assertThat(SearchTokens.words(null)).isEmpty();
    }

    @Test
    void namesSortAsPeopleReadThem() {
        assertThat(SearchTokens.sortKey(" Érard")).isLessThan(SearchTokens.sortKey("Martin"));
        assertThat(SearchTokens.sortKey("dupont")).isEqualTo(SearchTokens.sortKey("Dupont"));
    }
}
