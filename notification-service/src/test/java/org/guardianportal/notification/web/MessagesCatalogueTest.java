package org.guardianportal.notification.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** The API's wordings: the same codes in English and in French, each a pattern that formats. */
class MessagesCatalogueTest {

    private final Properties english = load("messages.properties");
    private final Properties french = load("messages_fr.properties");

    @Test
    void everyCodeIsWordedInBothLanguagesAndFrenchAlsoWordsSomeOfSpringsOwn() {
        assertThat(french.stringPropertyNames()).filteredOn(code -> !code.startsWith("problemDetail."))
                .containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
    }

    @Test
    void everyWordingFormatsAndNoFrenchOneHasAStraightApostrophe() {
        english.forEach((code, wording) -> assertThatCode(() -> new MessageFormat((String) wording, Locale.ENGLISH))
                .as("%s", code).doesNotThrowAnyException());
        french.forEach((code, wording) -> {
            assertThatCode(() -> new MessageFormat((String) wording, Locale.FRENCH)).as("%s", code)
                    .doesNotThrowAnyException();
            assertThat((String) wording).as("%s", code).doesNotContain("'");
        });
    }

    private static Properties load(String name) {
        Properties wordings = new Properties();
        try (Reader reader = new InputStreamReader(MessagesCatalogueTest.class.getResourceAsStream("/" + name),
                StandardCharsets.UTF_8)) {
            wordings.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return wordings;
    }
}
