package org.guardianportal.gateway.routing;

import org.guardianportal.contracts.Headers;
import org.guardianportal.gateway.LocalModeTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** What a service receives: the gateway's word on who is calling, never the client's claims or credentials. */
class IdentityForwardingTest extends LocalModeTest {

    @Test
    void forgedIdentityAndCredentialsNeverReachTheService() {
        gateway.post().uri("/api/messages/replays")
                .headers(headers -> headers.setBasicAuth("operator", "operator"))
                .header(Headers.AUTHENTICATED_USER, "admin")
                .header(Headers.AUTHENTICATED_ROLES, "ADMIN")
                .header(HttpHeaders.COOKIE, "tracker=42")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"status\":\"FAILED\"}")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.service").isEqualTo("notification-service")
                .jsonPath("$.headers['x-authenticated-user']").isEqualTo("operator")
                .jsonPath("$.headers['x-authenticated-roles']").isEqualTo("OPERATOR")
                .jsonPath("$.headers.authorization").doesNotExist()
                .jsonPath("$.headers.cookie").doesNotExist()
                .jsonPath("$.headers['content-type']").isEqualTo("application/json")
                .jsonPath("$.bodyBytes").isEqualTo(19);
    }

    @Test
    void aLargeImportPassesThroughForTheServiceToJudge() {
        int elevenMegabytes = 11 * 1024 * 1024;
        gateway.post().uri("/api/guardians/email-imports")
                .headers(headers -> headers.setBasicAuth("admin", "admin"))
                .contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue(new byte[elevenMegabytes])
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.service").isEqualTo("guardian-service")
                .jsonPath("$.headers['x-authenticated-user']").isEqualTo("admin")
                .jsonPath("$.bodyBytes").isEqualTo(elevenMegabytes);
    }
}
