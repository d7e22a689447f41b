package org.guardianportal.gateway.access;

import java.util.Set;

import org.guardianportal.gateway.problem.ProblemResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.reactive.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint.DelegateEntry;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.MediaTypeServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** One filter chain for both modes: the SPEC §4 role table, CSRF for browser sessions, problem+json refusals. */
@Configuration(proxyBeanMethods = false)
class GatewaySecurityConfiguration {

    private static final ServerAccessDeniedHandler MISSING_CSRF_TOKEN = (exchange, denied) ->
            ProblemResponses.write(exchange, HttpStatus.FORBIDDEN, ProblemResponses.worded(exchange, "csrf.missing"));

    private static final Logger log = LoggerFactory.getLogger(GatewaySecurityConfiguration.class);

    /** {@code settings} comes first so that an unknown mode fails binding with Boot's message, not a missing bean. */
    @Bean
    SecurityWebFilterChain gatewaySecurity(AuthSettings settings, ServerHttpSecurity http,
            AuthenticationMode authenticationMode) {
        log.info("Authentication mode: {}", settings.mode());
        AccessRules rules = AccessRules.SPEC;
        http.authorizeExchange(exchanges -> {
                    exchanges.matchers(EndpointRequest.to(HealthEndpoint.class)).permitAll();
                    // the admin UI's sign-in page and its static scripts and styles (no data in them)
                    exchanges.pathMatchers(HttpMethod.GET, "/login", "/app/**", "/favicon.ico").permitAll();
                    rules.applyTo(exchanges);
                    exchanges.anyExchange().authenticated();
                })
                // CSRF guards cookie-borne browser sessions (login, future UI); Basic/Bearer API calls are exempt
                .csrf(csrf -> csrf
                        .requireCsrfProtectionMatcher(GatewaySecurityConfiguration::browserWrite)
                        .accessDeniedHandler(MISSING_CSRF_TOKEN))
                .exceptionHandling(handling -> handling.accessDeniedHandler(new RoleDeniedHandler(rules)));
        authenticationMode.configure(http);
        return http.build();
    }

    /**
     * A person opening a page (not the API, not actuator) is sent to where people sign in ({@code location}); any
     * other caller gets {@code otherwise}'s answer, a 401 problem.
     */
    static ServerAuthenticationEntryPoint pagesTo(String location, ServerAuthenticationEntryPoint otherwise) {
        MediaTypeServerWebExchangeMatcher html = new MediaTypeServerWebExchangeMatcher(MediaType.TEXT_HTML);
        html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        var page = new AndServerWebExchangeMatcher(html, new NegatedServerWebExchangeMatcher(
                new OrServerWebExchangeMatcher(api(), EndpointRequest.toAnyEndpoint())));
        var entryPoint = new DelegatingServerAuthenticationEntryPoint(
                new DelegateEntry(page, new RedirectServerAuthenticationEntryPoint(location)));
        entryPoint.setDefaultEntryPoint(otherwise);
        return entryPoint;
    }

    /** Requests to the proxied API ({@code /api/**}), as opposed to the gateway's own pages. */
    static ServerWebExchangeMatcher api() {
        return exchange -> isApi(exchange.getRequest()) ? MatchResult.match() : MatchResult.notMatch();
    }

    /**
     * An unsafe request outside the API (login, logout, future UI forms), or an API call that can only be
     * authenticated by its session cookie (it carries cookies and no credentials of its own).
     */
    private static Mono<MatchResult> browserWrite(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        HttpMethod method = request.getMethod();
        boolean safe = method == HttpMethod.GET || method == HttpMethod.HEAD
                || method == HttpMethod.OPTIONS || method == HttpMethod.TRACE;
        HttpHeaders headers = request.getHeaders();
        boolean sessionBorne = headers.containsHeader(HttpHeaders.COOKIE)
                && !headers.containsHeader(HttpHeaders.AUTHORIZATION);
        return !safe && (!isApi(request) || sessionBorne) ? MatchResult.match() : MatchResult.notMatch();
    }

    private static boolean isApi(ServerHttpRequest request) {
        return request.getPath().pathWithinApplication().value().startsWith("/api/");
    }
}
