package org.guardianportal.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

/**
 * Checks a service's wordings of its refusals, {@code <name>.properties} (English) and {@code <name>_fr.properties}
 * on its class path: the same codes in both (French may also word some of Spring's own, {@code problemDetail.…}),
 * each a {@link MessageFormat} pattern, and no straight apostrophe in French, which the pattern would swallow.
 */
public final class MessageCatalogues {

    private MessageCatalogues() {
    }

    public static void assertComplete(String name) {
        Properties english = load(name + ".properties");
        Properties french = load(name + "_fr.properties");
        assertThat(french.stringPropertyNames()).filteredOn(code -> !code.startsWith("problemDetail."))
                .containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
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
        try (InputStream in = MessageCatalogues.class.getResourceAsStream("/" + name)) {
            assertThat(in).as(name).isNotNull();
            wordings.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return wordings;
    }
}
