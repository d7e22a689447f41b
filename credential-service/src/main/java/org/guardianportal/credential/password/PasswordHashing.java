package org.guardianportal.credential.password;

import java.util.Map;

import org.guardianportal.credential.CredentialSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Slow hashes only: Spring Security's delegating encoder (bcrypt), its cost lowered only where tests ask. */
@Configuration(proxyBeanMethods = false)
class PasswordHashing {

    @Bean
    PasswordEncoder passwordEncoder(CredentialSettings settings) {
        Integer strength = settings.password().bcryptStrength();
        if (strength == null) {
            return PasswordEncoderFactories.createDelegatingPasswordEncoder();
        }
        return new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(strength)));
    }
}
