package org.guardianportal.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.guardianportal.gateway.OidcModeTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Production mode: only tokens signed by the issuer count, roles come from the token, no built-in users exist. */
class BearerTokenTest extends OidcModeTest {

    @Test
    void anAdminTokenReachesGuardiansAsThatUser() {
        String token = ISSUER.token("marie.admin", Map.of("roles", List.of("ADMIN")));

        gateway.get().uri("/api/guardians?q=dupont").headers(headers -> headers.setBearerAuth(token))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.service").isEqualTo("guardian-service")
                .jsonPath("$.headers['x-authenticated-user']").isEqualTo("marie.admin")
                .jsonPath("$.headers['x-authenticated-roles']").isEqualTo("ADMIN")
                .jsonPath("$.headers.authorization").doesNotExist();
    }

    @Test
    void anOperatorTokenIsRefusedOnGuardiansWithTheRoleNeeded() {
        String token = ISSUER.token("olivier.ops", Map.of("roles", List.of("OPERATOR")));

        gateway.get().uri("/api/guardians").headers(headers -> headers.setBearerAuth(token))
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail")
                .isEqualTo("GET /api/guardians needs the ADMIN role; you have OPERATOR.");
    }

    @Test
    void keycloakRealmRolesCountToo() {
        String token = ISSUER.token("olivier.ops",
                Map.of("realm_access", Map.of("roles", List.of("offline_access", "operator"))));

        gateway.get().uri("/api/messages/stats").headers(headers -> headers.setBearerAuth(token))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.headers['x-authenticated-roles']").isEqualTo("OPERATOR");
    }

    @Test
    void expiredOrForeignTokensAreRejected() {
        Map<String, Object> admin = Map.of("roles", List.of("ADMIN"));
        for (String token : List.of(ISSUER.expiredToken("marie.admin", admin), ISSUER.forgedToken("mallory", admin))) {
            gateway.get().uri("/api/guardians").headers(headers -> headers.setBearerAuth(token))
                    .exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().valueMatches("WWW-Authenticate", "Bearer.*")
                    .expectBody().jsonPath("$.detail").isEqualTo("The bearer token is invalid or expired.");
        }
    }

    @Test
    void noBuiltInUsersAndNoAnonymousAccess() {
        gateway.get().uri("/api/messages").headers(headers -> headers.setBasicAuth("admin", "admin"))
                .exchange()
                .expectStatus().isUnauthorized();
        gateway.get().uri("/api/messages")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                .expectBody().jsonPath("$.status").isEqualTo(401);
        gateway.get().uri("/login").accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus().value(status -> assertThat(status).isNotEqualTo(200));
    }

    @Test
    void healthStaysOpenForTheLauncher() {
        gateway.get().uri("/actuator/health")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }
}
