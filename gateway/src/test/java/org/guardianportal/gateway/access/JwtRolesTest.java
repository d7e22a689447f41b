package org.guardianportal.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;

class JwtRolesTest {

    private final JwtRoles fromRolesClaim = new JwtRoles("roles");

    @Test
    void rolesAndNameComeFromTheToken() {
        Authentication user = fromRolesClaim.convert(jwt(Map.of(
                "sub", "4f1c", "preferred_username", "marie", "roles", List.of("ADMIN", "OPERATOR")))).block();

        assertThat(user.getName()).isEqualTo("marie");
        assertThat(Role.of(user.getAuthorities())).containsExactly(Role.ADMIN, Role.OPERATOR);
    }

    @Test
    void withoutPreferredUsernameTheSubjectNamesTheUser() {
        Authentication user = fromRolesClaim.convert(jwt(Map.of("sub", "4f1c", "roles", "PORTAL"))).block();

        assertThat(user.getName()).isEqualTo("4f1c");
        assertThat(Role.of(user.getAuthorities())).containsExactly(Role.PORTAL);
    }

    @Test
    void providerRolesThatAreNoGatewayRoleGrantNothing() {
        Authentication user = fromRolesClaim.convert(jwt(Map.of(
                "sub", "4f1c", "roles", List.of("offline_access", "uma_authorization", "superuser")))).block();

        assertThat(user.getAuthorities()).isEmpty();
    }

    @Test
    void aConfiguredNestedClaimAndKeycloakRealmRolesAreBothRead() {
        JwtRoles fromClientRoles = new JwtRoles("resource_access.gateway.roles");

        Authentication user = fromClientRoles.convert(jwt(Map.of(
                "sub", "4f1c",
                "resource_access", Map.of("gateway", Map.of("roles", List.of("operator"))),
                "realm_access", Map.of("roles", List.of("ROLE_PORTAL"))))).block();

        assertThat(Role.of(user.getAuthorities())).containsExactly(Role.OPERATOR, Role.PORTAL);
    }

    @Test
    void aClaimNameWithDotsIsReadAsItIs() {
        JwtRoles namespaced = new JwtRoles("https://district.example/roles");

        Authentication user = namespaced.convert(jwt(Map.of(
                "sub", "4f1c", "https://district.example/roles", List.of("ADMIN")))).block();

        assertThat(Role.of(user.getAuthorities())).containsExactly(Role.ADMIN);
    }

    private static Jwt jwt(Map<String, Object> claims) {
        Instant now = Instant.now();
        return new Jwt("token", now, now.plusSeconds(60), Map.of("alg", "RS256"), claims);
    }
}
