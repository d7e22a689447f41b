package org.guardianportal.web;

import java.util.List;
import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * The languages a service words its refusals in (its {@code messages.properties} and {@code messages_fr.properties}):
 * the first of French and English that {@code Accept-Language} names, English when it names neither or is absent.
 * A service imports it; it should then set {@code spring.messages.fallback-to-system-locale: false}, so that English
 * never falls back to the machine's language.
 */
@Configuration(proxyBeanMethods = false)
public class RequestLanguages {

    @Bean
    LocaleResolver localeResolver() {
        AcceptHeaderLocaleResolver resolver = new AcceptHeaderLocaleResolver();
        resolver.setSupportedLocales(List.of(Locale.ENGLISH, Locale.FRENCH));
        resolver.setDefaultLocale(Locale.ENGLISH);
        return resolver;
    }
}
