package org.guardianportal.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.guardianportal.gateway.LocalModeTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;
import org.springframework.web.reactive.function.BodyInserters;

/** People sign in on a page; their browser session then calls the API, with a CSRF token for anything that writes. */
class FormLoginTest extends LocalModeTest {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

    @Test
    void operatorSignsInAndHerSessionCallsTheApiAsHer() {
        Page login = page("/login", null);
        assertThat(login.html()).contains("<form", "name=\"username\"", "name=\"password\"");

        String session = signIn("operator", "operator", login)
                .expectStatus().isFound()
                .expectHeader().location("/")
                .returnResult(Void.class).getResponseCookies().getFirst("SESSION").getValue();

        gateway.get().uri("/api/messages?status=FAILED").cookie("SESSION", session)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.headers['x-authenticated-user']").isEqualTo("operator")
                .jsonPath("$.headers.cookie").doesNotExist();
    }

    @Test
    void aWrongPasswordSendsBackToTheLoginPage() {
        Page login = page("/login", null);

        signIn("operator", "not-the-password", login)
                .expectStatus().isFound()
                .expectHeader().location("/login?error");
    }

    @Test
    void aSessionWritesOnlyWithItsCsrfTokenAndEndsAtLogout() {
        String session = signIn("admin", "admin", page("/login", null))
                .returnResult(Void.class).getResponseCookies().getFirst("SESSION").getValue();

        gateway.post().uri("/api/messages/replays").cookie("SESSION", session)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"status\":\"FAILED\"}")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("CSRF"));

        String token = page("/logout", session).csrfToken();
        gateway.post().uri("/api/messages/replays").cookie("SESSION", session).header("X-CSRF-TOKEN", token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"status\":\"FAILED\"}")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.headers['x-authenticated-user']").isEqualTo("admin");

        gateway.post().uri("/logout").cookie("SESSION", session)
                .body(BodyInserters.fromFormData("_csrf", token))
                .exchange()
                .expectStatus().isFound()
                .expectHeader().location("/login?logout");
        gateway.get().uri("/api/messages").cookie("SESSION", session)
                .exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void aPersonOpeningAPageWithoutSessionIsSentToTheLoginPage() {
        gateway.get().uri("/").accept(MediaType.TEXT_HTML)
                .exchange()
                .expectStatus().isFound()
                .expectHeader().location("/login");
    }

    private record Page(String html, String session) {
        String csrfToken() {
            Matcher field = CSRF_FIELD.matcher(html);
            assertThat(field.find()).as("CSRF field in %s", html).isTrue();
            return field.group(1);
        }
    }

    private Page page(String path, String session) {
        var request = gateway.get().uri(path).accept(MediaType.TEXT_HTML);
        if (session != null) {
            request.cookie("SESSION", session);
        }
        EntityExchangeResult<String> result = request.exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult();
        ResponseCookie newSession = result.getResponseCookies().getFirst("SESSION");
        return new Page(result.getResponseBody(), newSession != null ? newSession.getValue() : session);
    }

    private ResponseSpec signIn(String user, String password, Page login) {
        return gateway.post().uri("/login").cookie("SESSION", login.session())
                .body(BodyInserters.fromFormData("username", user)
                        .with("password", password)
                        .with("_csrf", login.csrfToken()))
                .exchange();
    }
}
