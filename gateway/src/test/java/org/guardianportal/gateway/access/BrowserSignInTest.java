package org.guardianportal.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.guardianportal.gateway.OidcModeTest;
import org.guardianportal.gateway.TestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;

/**
 * Production mode in a browser's shoes: a person opening the admin UI is sent to the district's provider, signs in
 * there, and comes back to the UI with a session that carries her provider roles, as a bearer token's would.
 */
class BrowserSignInTest extends OidcModeTest {

    private static final Pattern CSRF_META = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");
    /** The browser's side of the provider: it follows no redirect, the test does. */
    private static final HttpClient TO_PROVIDER = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** The gateway as a browser reaches it: the cookies it was given go back with every request. */
    private WebTestClient browser;
    private final Map<String, String> cookies = new ConcurrentHashMap<>();

    @BeforeEach
    void openBrowser() {
        ExchangeFilterFunction cookieJar = (request, next) -> next
                .exchange(ClientRequest.from(request).cookies(sent -> cookies.forEach(sent::set)).build())
                .doOnNext(response -> response.cookies().forEach((name, set) -> set.forEach(cookie -> {
                    if (cookie.getMaxAge().isZero()) {
                        cookies.remove(name);
                    } else {
                        cookies.put(name, cookie.getValue());
                    }
                })));
        browser = gateway.mutate().filter(cookieJar).build();
    }

    @Test
    void aPersonSignsInAtTheProviderAndTheUiAndApiKnowHerAndHerRoles() throws Exception {
        ISSUER.nextSignIn("claire.secretariat", Map.of("roles", List.of("ADMIN")), Map.of(), Map.of());

        signIn();

        String shell = browser.get().uri("/").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(shell).contains("name=\"user\" content=\"claire.secretariat\"", "name=\"roles\" content=\"ADMIN\"");
        String csrf = group(CSRF_META, shell);

        browser.post().uri("/api/guardians")
                .header("X-CSRF-TOKEN", csrf).header("X-Requested-With", "XMLHttpRequest")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"firstName\":\"Léa\",\"lastName\":\"Martin\"}")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.service").isEqualTo("guardian-service")
                .jsonPath("$.headers['x-authenticated-user']").isEqualTo("claire.secretariat")
                .jsonPath("$.headers['x-authenticated-roles']").isEqualTo("ADMIN")
                .jsonPath("$.headers.cookie").doesNotExist();
        // the session is a cookie: a write without the page's token is refused
        browser.post().uri("/api/guardians")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"firstName\":\"Léa\",\"lastName\":\"Martin\"}")
                .exchange()
                .expectStatus().isForbidden();

        // signing out ends the session here and at the provider, which sends the browser back to the UI; the UI then
        // asks to sign in again
        URI endSession = browser.post().uri("/logout").body(BodyInserters.fromFormData("_csrf", csrf))
                .exchange()
                .expectStatus().isFound()
                .returnResult(Void.class).getResponseHeaders().getLocation();
        assertThat(endSession.toString()).startsWith(ISSUER.issuer() + "/logout?").contains("id_token_hint=");
        HttpResponse<Void> back = TO_PROVIDER.send(HttpRequest.newBuilder(endSession).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(back.headers().firstValue("Location").orElseThrow()).matches("http://localhost:\\d+/");
        assertThat(ISSUER.signedOut()).hasSize(1);
        browser.get().uri("/").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isFound()
                .expectHeader().location("/oauth2/authorization/district");
    }

    @Test
    void rolesTheProviderGivesOnlyInItsUserInfoCountAndOnlyThoseRolesOpenTheApi() throws Exception {
        ISSUER.nextSignIn("olivier.ops", Map.of(),
                Map.of("realm_access", Map.of("roles", List.of("offline_access", "operator"))), Map.of());

        signIn();

        browser.get().uri("/").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(shell -> assertThat(shell)
                        .contains("name=\"user\" content=\"olivier.ops\"", "name=\"roles\" content=\"OPERATOR\""));
        browser.get().uri("/api/messages/stats").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.headers['x-authenticated-user']").isEqualTo("olivier.ops")
                .jsonPath("$.headers['x-authenticated-roles']").isEqualTo("OPERATOR");
        browser.get().uri("/api/guardians").exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void keycloaksDefaultRealmRolesOnlyInTheAccessTokenCountToo() throws Exception {
        ISSUER.nextSignIn("marie.admin", Map.of(), Map.of(),
                Map.of("realm_access", Map.of("roles", List.of("admin", "uma_authorization"))));

        signIn();

        browser.get().uri("/").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(shell -> assertThat(shell)
                        .contains("name=\"user\" content=\"marie.admin\"", "name=\"roles\" content=\"ADMIN\""));
        browser.get().uri("/api/guardians").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.headers['x-authenticated-roles']").isEqualTo("ADMIN");
    }

    @Test
    void aCodeTheProviderDoesNotRedeemSignsNobodyInAndSaysWhy() throws Exception {
        ISSUER.nextSignIn("mallory", Map.of("roles", List.of("ADMIN")), Map.of(), Map.of());
        URI callback = toProviderAndBack();

        browser.get().uri(URI.create(callback.toString().replaceFirst("code=[^&]+", "code=not-a-code"))).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .startsWith("Signing in at the identity provider failed").contains("invalid_grant"));
        browser.get().uri("/").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isFound()
                .expectHeader().location("/oauth2/authorization/district");
    }

    @Test
    void scriptsAndApiClientsWithoutASessionGetA401NotARedirect() {
        browser.get().uri("/api/messages").header("X-Requested-With", "XMLHttpRequest").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        browser.get().uri("/api/messages").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isUnauthorized();
    }

    /**
     * Opens the UI, is sent to the provider (who signs in its next person at once, as she would on its page), and
     * comes back to the UI signed in.
     */
    private void signIn() throws IOException, InterruptedException {
        browser.get().uri(toProviderAndBack()).exchange()
                .expectStatus().isFound()
                .expectHeader().location("/");
    }

    /** The UI's page, the provider's sign-in, and the address the provider sends the browser back to. */
    private URI toProviderAndBack() throws IOException, InterruptedException {
        browser.get().uri("/").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isFound()
                .expectHeader().location("/oauth2/authorization/district");
        URI authorize = browser.get().uri("/oauth2/authorization/district").exchange()
                .expectStatus().isFound()
                .returnResult(Void.class).getResponseHeaders().getLocation();
        assertThat(authorize.toString()).startsWith(ISSUER.issuer() + "/auth?")
                .contains("client_id=" + TestIssuer.CLIENT_ID, "nonce=", "scope=openid");

        HttpResponse<Void> signedIn = TO_PROVIDER.send(HttpRequest.newBuilder(authorize).build(),
                HttpResponse.BodyHandlers.discarding());
        URI callback = URI.create(signedIn.headers().firstValue("Location").orElseThrow());
        assertThat(callback.getPath()).isEqualTo("/login/oauth2/code/district");
        return callback;
    }

    private static String group(Pattern pattern, String html) {
        Matcher matcher = pattern.matcher(html);
        assertThat(matcher.find()).as("%s in %s", pattern, html).isTrue();
        return matcher.group(1);
    }
}
