package org.guardianportal.web;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * The languages the services word their answers in: the first of French and English that {@code Accept-Language}
 * names, English when it names neither, names nothing, or cannot be read. Imported by a service whose refusals
 * Spring words from its {@code messages.properties} and {@code messages_fr.properties}, it is that service's
 * {@link LocaleResolver}; the service should then set {@code spring.messages.fallback-to-system-locale: false}, so that
 * English never falls back to the machine's language.
 */
@Configuration(proxyBeanMethods = false)
public class RequestLanguages {

    private static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.FRENCH);

    /** The language an {@code Accept-Language} header asks for: {@link Locale#FRENCH} or {@link Locale#ENGLISH}. */
    public static Locale of(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Locale.ENGLISH;
        }
        try {
            Locale preferred = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), LANGUAGES);
            return preferred == null ? Locale.ENGLISH : preferred;
        } catch (IllegalArgumentException unreadable) {
            return Locale.ENGLISH;
        }
    }

    /** The same choice as {@link #of}, for Spring's wording of a request's refusals and bean validation's messages. */
    @Bean
    LocaleResolver localeResolver() {
        return new AcceptHeaderLocaleResolver() {
            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                return of(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
            }
        };
    }
}
