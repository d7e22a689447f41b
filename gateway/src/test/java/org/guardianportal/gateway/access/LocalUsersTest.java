package org.guardianportal.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;

/** The local users sign in with their public passwords, which are never turned into a slow hash on the way. */
class LocalUsersTest {

    private final ReactiveAuthenticationManager users = new LocalAuthentication().localUsers();

    @Test
    void aSignInLeavesThePasswordAsItWasSoTheNextRequestNeedsNoSlowHash() {
        for (int request = 1; request <= 2; request++) {
            Authentication signedIn = users.authenticate(
                    UsernamePasswordAuthenticationToken.unauthenticated("admin", "admin")).block();

            assertThat(signedIn.isAuthenticated()).isTrue();
            assertThat(signedIn.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_ADMIN");
            assertThat(((UserDetails) signedIn.getPrincipal()).getPassword()).isEqualTo("{noop}admin");
        }
        assertThat(LocalAuthentication.findUser("admin").block().getPassword()).isEqualTo("{noop}admin");
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
