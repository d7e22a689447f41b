package org.guardianportal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.LocaleResolver;

class RequestLanguagesTest {

    @Test
    void theLanguageIsTheOneTheRequestPrefersAmongFrenchAndEnglish() {
        assertThat(RequestLanguages.of("fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7")).isEqualTo(Locale.FRENCH);
        assertThat(RequestLanguages.of("en-GB,fr;q=0.5")).isEqualTo(Locale.ENGLISH);
        assertThat(RequestLanguages.of("de-DE,de;q=0.9,fr;q=0.5")).isEqualTo(Locale.FRENCH);
        assertThat(RequestLanguages.of("de-DE")).isEqualTo(Locale.ENGLISH);
        assertThat(RequestLanguages.of(null)).isEqualTo(Locale.ENGLISH);
        assertThat(RequestLanguages.of("")).isEqualTo(Locale.ENGLISH);
        assertThat(RequestLanguages.of("fr;q=abc")).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void springsLanguageOfARequestIsTheSameChoice() {
        LocaleResolver resolver = new RequestLanguages().localeResolver();

        assertThat(resolver.resolveLocale(asking("de-DE,de;q=0.9,fr;q=0.5"))).isEqualTo(Locale.FRENCH);
        assertThat(resolver.resolveLocale(asking("en-GB,fr;q=0.5"))).isEqualTo(Locale.ENGLISH);
        assertThat(resolver.resolveLocale(asking("de"))).isEqualTo(Locale.ENGLISH);
        assertThat(resolver.resolveLocale(new MockHttpServletRequest())).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void aWordingIsFrenchForFrenchAndEnglishForAnyOtherLanguage() {
        Wordings wordings = new Wordings("test-wordings");

        assertThat(wordings.in(Locale.FRENCH, "greeting", "Inès", 1200)).isEqualTo("Bonjour Inès, 1\u202f200 lignes.");
        assertThat(wordings.in(Locale.CANADA_FRENCH, "greeting", "Inès", 3)).isEqualTo("Bonjour Inès, 3 lignes.");
        assertThat(wordings.in(Locale.ENGLISH, "greeting", "Ines", 1200)).isEqualTo("Hello Ines, 1,200 rows.");
        assertThat(wordings.in(Locale.GERMAN, "greeting", "Ines", 3)).isEqualTo("Hello Ines, 3 rows.");
    }

    private static MockHttpServletRequest asking(String acceptLanguage) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader("Accept-Language", acceptLanguage);
        return request;
    }
}
