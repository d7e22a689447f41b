package org.guardianportal.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/** The local users sign in with their public passwords, which are never turned into a slow hash on the way. */
class LocalUsersTest {

    private final ReactiveAuthenticationManager users = new LocalAuthentication().localUsers();

    @Test
    void theLocalPasswordsAreCheckedAsTheyAreAndNeverUpgradedToASlowHash() {
        assertThat(LocalAuthentication.PUBLIC_PASSWORDS.matches("admin", "{noop}admin")).isTrue();
        // Spring hashes the presented password on every sign-in whose stored form "should be upgraded"
        assertThat(LocalAuthentication.PUBLIC_PASSWORDS.upgradeEncoding("{noop}admin")).isFalse();

        Authentication signedIn = users.authenticate(
                UsernamePasswordAuthenticationToken.unauthenticated("admin", "admin")).block();
        assertThat(signedIn.isAuthenticated()).isTrue();
        assertThat(signedIn.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_ADMIN");
    }

    @Test
    void aWrongPasswordOrUnknownUserIsRefused() {
        assertThatThrownBy(() -> users.authenticate(
                UsernamePasswordAuthenticationToken.unauthenticated("operator", "admin")).block())
                .isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> users.authenticate(
                UsernamePasswordAuthenticationToken.unauthenticated("root", "root")).block())
                .isInstanceOf(BadCredentialsException.class);
    }
}
