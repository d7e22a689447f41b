package org.guardianportal.guardian.guardian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressRuleTest {

    @ParameterizedTest
    @ValueSource(strings = {"jean.dupont@example.fr", "marie-claire+ecole@mairie.paris.fr", "o'brien@example.co.uk",
            "J.DUPONT@ORANGE.FR", "a@b.io"})
    void addressesPeopleActuallyHaveAreAccepted(String address) {
        assertThat(EmailAddressRule.problemWith(address)).isEmpty();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "jean.dupont.example.fr      | the address has no @",
            "jean@@example.fr            | the address has more than one @",
            "jean dupont@example.fr      | the address contains a space",
            "@example.fr                 | nothing before the @",
            "jean@                       | nothing after the @",
            "jean@example                | the part after the @ has no dot",
            "jean@example..fr            | the part after the @ starts or ends with a dot",
            "jean.@example.fr            | the part before the @ starts or ends with a dot",
            "jean@example.f              | the domain ending '.f' is not a real one",
            "jean@example.123            | the domain ending '.123' is not a real one",
            "jean@-example.fr            | a part of the domain starts or ends with a hyphen",
            "jean,marie@example.fr       | the address contains ',': give a single address",
            "hélène@example.fr           | the address contains 'é': use plain letters without accents",
            "jean@example.fr;marie@x.fr  | the address contains ';': give a single address",
            "jean(ecole)@example.fr      | the address contains '(', which is not allowed"})
    void commonMistakesAreExplainedInPlainWords(String address, String reason) {
        assertThat(EmailAddressRule.problemWith(address))
                .hasValueSatisfying(problem -> assertThat(problem.toString()).startsWith(reason));
    }

    @Test
    void anEmptyAddressIsRefused() {
        assertThat(EmailAddressRule.problemWith("   ")).contains(Reason.of("EMAIL_EMPTY"));
        assertThat(EmailAddressRule.problemWith(null).map(Reason::toString)).contains("the email address is empty");
    }

    @Test
    void anAddressLongerThan254CharactersIsRefusedSayingHowLongItIs() {
        String longest = "a".repeat(64) + "@" + "b".repeat(186) + ".fr";

        assertThat(longest).hasSize(254);
        assertThat(EmailAddressRule.problemWith(longest)).isEmpty();
        assertThat(EmailAddressRule.problemWith("a" + longest).map(Reason::toString))
                .contains("the address is too long (255 characters, at most 254)");
    }

    @Test
    void addressesAreStoredTrimmedAndInLowerCase() {
        assertThat(EmailAddressRule.normalise("  Jean.Dupont@Example.FR\t")).isEqualTo("jean.dupont@example.fr");
    }

    @Test
    void normalisingAnInvalidAddressSaysWhy() {
        assertThatThrownBy(() -> EmailAddressRule.normalise("jean@example"))
                .isInstanceOf(InvalidEmailException.class)
                .hasMessageContaining("no dot");
    }
}
