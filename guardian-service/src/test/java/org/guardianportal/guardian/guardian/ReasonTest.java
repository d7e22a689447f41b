package org.guardianportal.guardian.guardian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class ReasonTest {

    private static final Pattern VALUE = Pattern.compile("\\{\\d+}");

    @Test
    void everyReasonHasAFrenchWordingWithTheSameValues() throws IOException {
        Properties english = wordings("reasons.properties");
        Properties french = wordings("reasons_fr.properties");

        assertThat(french.stringPropertyNames()).isEqualTo(english.stringPropertyNames());
        for (String code : english.stringPropertyNames()) {
            assertThat(values(french.getProperty(code))).as(code).isEqualTo(values(english.getProperty(code)));
            assertThat(french.getProperty(code)).as(code).isNotEqualTo(english.getProperty(code));
        }
    }

    @Test
    void valuesAreFilledInAndAReasonInsideAnotherIsWordedInTheSameLanguage() {
        Reason invalid = Reason.of("INVALID_EMAIL", "hélène@example.fr", Reason.of("EMAIL_ACCENT", 'é'));

        assertThat(invalid.in(Locale.FRENCH))
                .isEqualTo("adresse e-mail « hélène@example.fr » invalide : l’adresse contient « é » : utilisez des lettres sans accent");
        assertThat(invalid.in(Locale.ENGLISH))
                .isEqualTo("invalid email 'hélène@example.fr': the address contains 'é': use plain letters without accents");
        assertThat(invalid.in(Locale.CANADA_FRENCH)).isEqualTo(invalid.in(Locale.FRENCH));
        assertThat(invalid.in(Locale.GERMAN)).isEqualTo(invalid.toString()).isEqualTo(invalid.in(Locale.ENGLISH));
        assertThat(Reason.of("TOO_MANY_ROWS", 20001, 20000).toString()).startsWith("The import has 20001 rows; at most 20000");
        assertThatThrownBy(() -> Reason.of("NO_SUCH_REASON").toString()).hasMessageContaining("NO_SUCH_REASON");
    }

    @Test
    void aValueThatLooksLikeAPlaceholderIsShownAsItCame() {
        Reason refused = Reason.of("INVALID_EMAIL", "a{1}@b", Reason.of("EMAIL_CHARACTER", '{'));

        assertThat(refused.in(Locale.ENGLISH))
                .isEqualTo("invalid email 'a{1}@b': the address contains '{', which is not allowed in an address");
        assertThat(Reason.of("UNKNOWN_HEADER", "a$1,b\\c").toString()).startsWith("The header line 'a$1,b\\c' is not");
    }

    private static Properties wordings(String name) throws IOException {
        Properties wordings = new Properties();
        try (InputStream in = ReasonTest.class.getResourceAsStream("/" + name)) {
            wordings.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return wordings;
    }

    private static Set<String> values(String wording) {
        Set<String> values = new TreeSet<>();
        Matcher matcher = VALUE.matcher(wording);
        while (matcher.find()) {
            values.add(matcher.group());
        }
        return values;
    }
}
