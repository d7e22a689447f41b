package org.guardianportal.gateway.access;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import org.guardianportal.gateway.problem.ProblemResponses;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** 403 as problem+json naming the role the request needs and the roles the user has. */
final class RoleDeniedHandler implements ServerAccessDeniedHandler {

    private final AccessRules rules;

    RoleDeniedHandler(AccessRules rules) {
        this.rules = rules;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        ServerHttpRequest request = exchange.getRequest();
        String call = request.getMethod().name() + " " + request.getPath().value();
        return exchange.getPrincipal()
                .map(principal -> principal instanceof Authentication authentication
                        ? Role.of(authentication.getAuthorities())
                        : List.<Role>of())
                .defaultIfEmpty(List.of())
                .flatMap(userRoles -> rules.ruleFor(exchange)
                        .map(rule -> detail(exchange, call, rule, userRoles))
                        .defaultIfEmpty(ProblemResponses.worded(exchange, "access.notAllowed", call)))
                .flatMap(detail -> ProblemResponses.write(exchange, HttpStatus.FORBIDDEN, detail));
    }

    private static String detail(ServerWebExchange exchange, String call, AccessRule rule,
            Collection<Role> userRoles) {
        if (rule.allowed().isEmpty()) {
            return ProblemResponses.worded(exchange, "access.noRole", call);
        }
        String needed = rule.allowed().stream().map(Role::name)
                .collect(Collectors.joining(ProblemResponses.worded(exchange, "access.or")));
        return userRoles.isEmpty() ? ProblemResponses.worded(exchange, "access.needsRole.none", call, needed)
                : ProblemResponses.worded(exchange, "access.needsRole", call, needed,
                        userRoles.stream().map(Role::name).collect(Collectors.joining(", ")));
    }
}
