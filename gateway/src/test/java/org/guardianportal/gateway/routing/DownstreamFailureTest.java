package org.guardianportal.gateway.routing;

import java.util.List;
import java.util.Map;

import org.guardianportal.gateway.OidcModeTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** A service that is down or too slow is named in a problem+json answer; the caller never sees a stack or a page. */
class DownstreamFailureTest extends OidcModeTest {

    private final String admin = ISSUER.token("marie.admin", Map.of("roles", List.of("ADMIN")));

    @Test
    void aStoppedServiceAnswers503NamingIt() {
        gateway.post().uri("/api/credentials/batches").headers(headers -> headers.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"guardianIds\":[\"g-1\"]}")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.detail").isEqualTo("credential-service is unavailable, try again in a moment.")
                .jsonPath("$.trace").doesNotExist();
    }

    @Test
    void aServiceTooSlowToAnswerGives504NamingIt() {
        gateway.get().uri("/api/messages/slow").headers(headers -> headers.setBearerAuth(admin))
                .exchange()
                .expectStatus().isEqualTo(504)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail").isEqualTo("notification-service did not answer in time, try again in a moment.");
    }

    @Test
    void aFrenchRequestReadsWhichServiceIsDownInFrench() {
        gateway.post().uri("/api/credentials/batches").headers(headers -> {
                    headers.setBearerAuth(admin);
                    headers.set(HttpHeaders.ACCEPT_LANGUAGE, "fr-CA,fr;q=0.9,en;q=0.5");
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"guardianIds\":[\"g-1\"]}")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectBody()
                .jsonPath("$.detail").isEqualTo("Le service credential-service est indisponible ; réessayez dans un instant.");
    }
}
