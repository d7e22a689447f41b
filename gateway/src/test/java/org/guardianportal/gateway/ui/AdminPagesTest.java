package org.guardianportal.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.guardianportal.gateway.LocalModeTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;

/** The admin UI's pages: a French sign-in form, then a shell that knows its user and carries the CSRF token. */
class AdminPagesTest extends LocalModeTest {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");
    private static final Pattern CSRF_META = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");

    @Test
    void theSignInPageAndTheScriptsAreOpenButTheShellNeedsASession() {
        var login = gateway.get().uri("/login").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk()
                .expectHeader().cacheControl(org.springframework.http.CacheControl.noStore())
                .expectBody(String.class).returnResult();
        assertThat(login.getResponseBody()).contains("lang=\"fr\"", "Connexion à l'administration", "Mot de passe");
        gateway.get().uri("/app/main.js").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/javascript");
        gateway.get().uri("/").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isFound()
                .expectHeader().location("/login");
    }

    @Test
    void theShellNamesTheUserAndHerRolesAndItsTokenLetsHerScriptsWrite() {
        var login = gateway.get().uri("/login").accept(MediaType.TEXT_HTML).exchange()
                .expectBody(String.class).returnResult();
        String session = login.getResponseCookies().getFirst("SESSION").getValue();
        String signedIn = gateway.post().uri("/login").cookie("SESSION", session)
                .body(BodyInserters.fromFormData("username", "operator").with("password", "operator")
                        .with("_csrf", group(CSRF_FIELD, login.getResponseBody())))
                .exchange()
                .expectStatus().isFound()
                .returnResult(Void.class).getResponseCookies().getFirst("SESSION").getValue();

        String shell = gateway.get().uri("/").cookie("SESSION", signedIn).accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(shell).contains("name=\"user\" content=\"operator\"", "name=\"roles\" content=\"OPERATOR\"",
                "src=\"/app/main.js\"");

        gateway.post().uri("/api/messages/replays").cookie("SESSION", signedIn)
                .header("X-CSRF-TOKEN", group(CSRF_META, shell)).header("X-Requested-With", "XMLHttpRequest")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"status\":\"FAILED\"}")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.headers['x-authenticated-user']").isEqualTo("operator");
    }

    @Test
    void aScriptWhoseSessionEndedGetsA401WithoutTheBrowsersBasicDialog() {
        gateway.get().uri("/api/messages").header("X-Requested-With", "XMLHttpRequest").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().doesNotExist("WWW-Authenticate")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private static String group(Pattern pattern, String html) {
        Matcher matcher = pattern.matcher(html);
        assertThat(matcher.find()).as("%s in %s", pattern, html).isTrue();
        return matcher.group(1);
    }
}
