package org.guardianportal.gateway.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;

/**
 * The admin UI's two HTML pages: the sign-in form ({@code /login}) and the application shell ({@code /}). Both carry
 * the session's CSRF token, which the page's scripts send as {@code X-CSRF-TOKEN} on every API call that writes;
 * the shell also names the signed-in user and roles. The scripts and styles are static files under {@code /app/}.
 */
@Configuration(proxyBeanMethods = false)
class AdminPages {

    private final String loginTemplate = read("ui/login.html");
    private final String shellTemplate = read("ui/index.html");

    @Bean
    RouterFunction<ServerResponse> adminUiShell() {
        return RouterFunctions.route().GET("/", this::shell).build();
    }

    /** Only the local users sign in on a form; with OIDC people sign in on the provider's page. */
    @Bean
    @ConditionalOnProperty(name = "gateway.auth.mode", havingValue = "local")
    RouterFunction<ServerResponse> adminUiLogin() {
        return RouterFunctions.route().GET("/login", this::login).build();
    }

    private Mono<ServerResponse> login(ServerRequest request) {
        String notice = request.queryParam("error").isPresent() ? "login.error"
                : request.queryParam("logout").isPresent() ? "login.loggedOut" : "";
        return csrfToken(request).flatMap(token -> html(fill(loginTemplate, Map.of(
                "csrf", token, "notice", notice))));
    }

    private Mono<ServerResponse> shell(ServerRequest request) {
        return request.principal().cast(Authentication.class).zipWith(csrfToken(request))
                .flatMap(signedIn -> html(fill(shellTemplate, Map.of(
                        "csrf", signedIn.getT2(),
                        "user", signedIn.getT1().getName(),
                        "roles", signedIn.getT1().getAuthorities().stream()
                                .map(GrantedAuthority::getAuthority)
                                .filter(authority -> authority.startsWith("ROLE_"))
                                .map(authority -> authority.substring("ROLE_".length()))
                                .collect(Collectors.joining(","))))));
    }

    private static Mono<String> csrfToken(ServerRequest request) {
        Mono<CsrfToken> token = request.exchange().getAttribute(CsrfToken.class.getName());
        return token == null ? Mono.just("") : token.map(CsrfToken::getToken).defaultIfEmpty("");
    }

    /** The pages embed a session's token: never cached. */
    private static Mono<ServerResponse> html(String page) {
        return ServerResponse.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .bodyValue(page);
    }

    private static String fill(String template, Map<String, String> values) {
        String page = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            page = page.replace("{{" + value.getKey() + "}}", HtmlUtils.htmlEscape(value.getValue()));
        }
        return page;
    }

    private static String read(String path) {
        try (var in = new ClassPathResource(path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("The admin UI page " + path + " is missing", e);
        }
    }
}
