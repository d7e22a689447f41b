package org.guardianportal.guardian.districtsync;

import static org.assertj.core.api.Assertions.assertThat;

import org.guardianportal.guardian.guardian.Reason;
import org.junit.jupiter.api.Test;

/** A refusal's reason travels with its dead letter as a key, and is worded again from it in either language. */
class DistrictReasonWordingTest {

    private final DistrictReasonWording wording = new DistrictReasonWording();

    @Test
    void aReasonWithAReasonInsideIsWordedAgainFromItsKey() {
        Reason refused = Reason.of("INVALID_EMAIL", "léa@@example.fr", Reason.of("EMAIL_SEVERAL_AT"));
        String key = DistrictReasonWording.key(refused);

        assertThat(key).isEqualTo(
                "{\"code\":\"INVALID_EMAIL\",\"values\":[\"léa@@example.fr\",{\"code\":\"EMAIL_SEVERAL_AT\",\"values\":[]}]}");
        assertThat(DistrictReasonWording.reason(key)).contains(refused);
        assertThat(wording.word(key, "fr")).contains("adresse e-mail « léa@@example.fr » invalide : l’adresse contient plus d’un @");
        assertThat(wording.word(key, null)).contains("invalid email 'léa@@example.fr': the address has more than one @");
    }

    @Test
    void numbersComeBackAsTheWordsTheyWere() {
        String key = DistrictReasonWording.key(Reason.of("RECORD_NOT_JSON_AT", 1, 11));

        assertThat(wording.word(key, "fr-FR")).contains("la fiche n’est pas du JSON valide (ligne 1, colonne 11)");
    }

    @Test
    void aKeyThisServiceDidNotWriteIsNotWorded() {
        assertThat(wording.word("not json", "fr")).isEmpty();
        assertThat(wording.word("{\"code\":\"NO_SUCH_CODE\",\"values\":[]}", "fr")).isEmpty();
        assertThat(wording.word("{\"code\":\"INVALID_EMAIL\",\"values\":[{\"nested\":true}]}", "fr")).isEmpty();
        assertThat(wording.word("[\"INVALID_EMAIL\"]", "fr")).isEmpty();
    }
}
