package org.guardianportal.gateway.access;

import static org.guardianportal.gateway.access.Role.ADMIN;
import static org.guardianportal.gateway.access.Role.OPERATOR;
import static org.guardianportal.gateway.access.Role.PORTAL;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.security.autoconfigure.actuate.web.reactive.EndpointRequest;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity.AuthorizeExchangeSpec;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Who may call what, as SPEC §4 says; the first matching rule decides. The same table configures Spring Security
 * and names the needed role in a 403, so the two cannot drift apart.
 */
final class AccessRules {

    static final AccessRules SPEC = new AccessRules(List.of(
            rule(POST, "/api/credentials/verify", PORTAL),
            rule(POST, "/api/credentials/password", PORTAL),
            rule(null, "/api/credentials/**", ADMIN),
            rule(null, "/api/guardians/**", ADMIN),
            rule(GET, "/api/messages/**", ADMIN, OPERATOR),
            rule(POST, "/api/messages/*/replay", ADMIN, OPERATOR),
            rule(POST, "/api/messages/replays", ADMIN, OPERATOR),
            rule(null, "/api/messages/**", ADMIN), // the rest, reveal included
            rule(GET, "/api/dead-letters/*", ADMIN, OPERATOR),
            rule(GET, "/api/dead-letters/*/*", ADMIN, OPERATOR),
            rule(POST, "/api/dead-letters/*/*/redrive", ADMIN, OPERATOR),
            rule(POST, "/api/dead-letters/*/redrives", ADMIN, OPERATOR),
            rule(null, "/api/**"), // nobody: any other API path
            new AccessRule(EndpointRequest.toAnyEndpoint(), EnumSet.of(ADMIN))));

    private final List<AccessRule> rules;

    private AccessRules(List<AccessRule> rules) {
        this.rules = rules;
    }

    void applyTo(AuthorizeExchangeSpec exchanges) {
        for (AccessRule rule : rules) {
            AuthorizeExchangeSpec.Access access = exchanges.matchers(rule.matcher());
            if (rule.allowed().isEmpty()) {
                access.denyAll();
            } else {
                access.hasAnyRole(rule.allowed().stream().map(Role::name).toArray(String[]::new));
            }
        }
    }

    /** The rule that decides this request, if any. */
    Mono<AccessRule> ruleFor(ServerWebExchange exchange) {
        return Flux.fromIterable(rules)
                .concatMap(rule -> rule.matcher().matches(exchange)
                        .filter(MatchResult::isMatch)
                        .map(match -> rule))
                .next();
    }

    private static AccessRule rule(HttpMethod method, String pattern, Role... allowed) {
        Set<Role> roles = allowed.length == 0 ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(List.of(allowed));
        return new AccessRule(method == null
                ? ServerWebExchangeMatchers.pathMatchers(pattern)
                : ServerWebExchangeMatchers.pathMatchers(method, pattern), roles);
    }
}
