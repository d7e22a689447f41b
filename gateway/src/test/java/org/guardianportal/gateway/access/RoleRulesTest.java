package org.guardianportal.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.guardianportal.gateway.LocalModeTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient.BodyContentSpec;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

/** SPEC §4, every role against every route: allowed calls reach the right service unchanged, others are refused. */
class RoleRulesTest extends LocalModeTest {

    private static final String ANONYMOUS = "anonymous";

    /** A route, the service that owns it (null: none) and the users allowed to call it. */
    record Route(HttpMethod method, String path, String service, Set<String> allowed) {
    }

    private static final List<Route> ROUTES = List.of(
            route("GET", "/api/guardians?q=dupont&hasEmail=true", "guardian-service", "admin"),
            route("POST", "/api/guardians", "guardian-service", "admin"),
            route("GET", "/api/guardians/g-1", "guardian-service", "admin"),
            route("PUT", "/api/guardians/g-1/email", "guardian-service", "admin"),
            route("DELETE", "/api/guardians/g-1/email", "guardian-service", "admin"),
            route("POST", "/api/guardians/email-imports", "guardian-service", "admin"),
            route("POST", "/api/credentials/batches", "credential-service", "admin"),
            route("GET", "/api/credentials/batches?page=1", "credential-service", "admin"),
            route("GET", "/api/credentials/batches/b-1", "credential-service", "admin"),
            route("GET", "/api/credentials/guardians/g-1", "credential-service", "admin"),
            route("POST", "/api/credentials/verify", "credential-service", "portal"),
            route("POST", "/api/credentials/password", "credential-service", "portal"),
            route("GET", "/api/messages?subject=mot%20de%20passe&status=FAILED", "notification-service",
                    "admin", "operator"),
            route("GET", "/api/messages/m-1", "notification-service", "admin", "operator"),
            route("GET", "/api/messages/stats?batchId=b-1", "notification-service", "admin", "operator"),
            route("POST", "/api/messages/m-1/reveal", "notification-service", "admin"),
            route("POST", "/api/messages/m-1/replay", "notification-service", "admin", "operator"),
            route("POST", "/api/messages/replays", "notification-service", "admin", "operator"),
            route("DELETE", "/api/messages/m-1", "notification-service", "admin"),
            route("GET", "/api/dead-letters/guardian.updates.v1?page=1", "guardian-service", "admin", "operator"),
            route("GET", "/api/dead-letters/guardian.updates.v1/0-12", "guardian-service", "admin", "operator"),
            route("POST", "/api/dead-letters/guardian.updates.v1/0-12/redrive", "guardian-service", "admin",
                    "operator"),
            route("POST", "/api/dead-letters/guardian.updates.v1/redrives", "guardian-service", "admin", "operator"),
            route("DELETE", "/api/dead-letters/guardian.updates.v1/0-12", null),
            route("GET", "/api/dead-letters/credential.commands.v1", "credential-service", "admin", "operator"),
            route("POST", "/api/dead-letters/guardian.email-updated.v1/0-3/redrive", "credential-service", "admin",
                    "operator"),
            route("GET", "/api/dead-letters/notification.status-changed.v1/0-3", "credential-service", "admin",
                    "operator"),
            route("POST", "/api/dead-letters/credential.issued.v1/1-9/redrive", "notification-service", "admin",
                    "operator"),
            route("GET", "/api/unknown", null),
            route("GET", "/actuator/prometheus", null, "admin"),
            route("GET", "/actuator/metrics", null, "admin"),
            route("GET", "/actuator/health", null, "admin", "operator", "portal", ANONYMOUS));

    static Stream<Object[]> everyUserOnEveryRoute() {
        List<Object[]> cases = new ArrayList<>();
        for (Route route : ROUTES) {
            for (String user : List.of(ANONYMOUS, "admin", "operator", "portal")) {
                int expected = route.allowed().contains(user) ? 200 : user.equals(ANONYMOUS) ? 401 : 403;
                cases.add(new Object[] {user, route.method(), route.path(), expected, route});
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1} {2} -> {3}")
    @MethodSource("everyUserOnEveryRoute")
    void roleDecidesWhoMayCall(String user, HttpMethod method, String path, int expected, Route route) {
        var request = gateway.method(method).uri(at(path));
        if (!user.equals(ANONYMOUS)) {
            request.headers(headers -> headers.setBasicAuth(user, user));
        }
        if (method == HttpMethod.POST || method == HttpMethod.PUT) {
            request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}");
        }
        ResponseSpec response = request.exchange().expectStatus().isEqualTo(expected);

        if (expected == 200 && route.service() != null) {
            var received = response.expectBody()
                    .jsonPath("$.service").isEqualTo(route.service())
                    .jsonPath("$.method").isEqualTo(method.name())
                    .jsonPath("$.path").isEqualTo(path.split("\\?")[0]);
            if (path.contains("?")) {
                received.jsonPath("$.query").isEqualTo(path.split("\\?")[1]);
            } else {
                received.jsonPath("$.query").doesNotExist();
            }
        } else if (expected == 401) {
            response.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().valueMatches("WWW-Authenticate", "Basic realm=.*")
                    .expectBody().jsonPath("$.status").isEqualTo(401);
        } else if (expected == 403) {
            String detail = new String(response.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().returnResult().getResponseBodyContent());
            String needed = route.allowed().isEmpty()
                    ? "No role may call " + method.name()
                    : "needs the " + String.join(" or ", route.allowed().stream()
                            .map(String::toUpperCase).sorted().toList()) + " role; you have " + user.toUpperCase();
            assertThat(detail).contains(needed);
        }
    }

    @Test
    void aRefusalReadsInFrenchForAFrenchRequest() {
        forbidden(HttpMethod.POST, "/api/messages/m-1/reveal", "operator", "fr-FR,fr;q=0.9").jsonPath("$.detail")
                .isEqualTo("POST /api/messages/m-1/reveal demande le rôle ADMIN ; vous avez OPERATOR.");
        forbidden(HttpMethod.GET, "/api/messages/m-1", "portal", "fr").jsonPath("$.detail")
                .isEqualTo("GET /api/messages/m-1 demande le rôle ADMIN ou OPERATOR ; vous avez PORTAL.");
        gateway.get().uri(at("/api/guardians")).header(HttpHeaders.ACCEPT_LANGUAGE, "fr")
                .exchange().expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.detail").isEqualTo("Connectez-vous d’abord : envoyez des identifiants HTTP "
                        + "Basic, ou utilisez la page de connexion /login.");
    }

    /** The body of a request this user may not make, asked in this language. */
    private BodyContentSpec forbidden(HttpMethod method, String path, String user, String acceptLanguage) {
        return gateway.method(method).uri(at(path)).headers(headers -> {
                    headers.setBasicAuth(user, user);
                    headers.set(HttpHeaders.ACCEPT_LANGUAGE, acceptLanguage);
                })
                .exchange().expectStatus().isForbidden()
                .expectBody();
    }

    private static Route route(String method, String path, String service, String... allowed) {
        return new Route(HttpMethod.valueOf(method), path, service, Set.of(allowed));
    }
}
