package org.guardianportal.gateway.routing;

import java.security.Principal;
import java.util.stream.Collectors;

import org.guardianportal.contracts.Headers;
import org.guardianportal.gateway.access.Role;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The services trust {@code X-Authenticated-User}/{@code -Roles}, so only the gateway may set them: a client's copy,
 * its credentials ({@code Authorization}) and its cookies never travel downstream.
 */
@Component
class IdentityHeaders implements GlobalFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal()
                .map(principal -> forward(exchange, principal))
                .switchIfEmpty(Mono.fromSupplier(() -> forward(exchange, null)))
                .flatMap(chain::filter);
    }

    private static ServerWebExchange forward(ServerWebExchange exchange, Principal principal) {
        return exchange.mutate().request(request -> request.headers(headers -> {
            headers.remove(Headers.AUTHENTICATED_USER);
            headers.remove(Headers.AUTHENTICATED_ROLES);
            headers.remove(HttpHeaders.AUTHORIZATION);
            headers.remove(HttpHeaders.COOKIE);
            if (principal != null) {
                headers.set(Headers.AUTHENTICATED_USER, principal.getName());
                headers.set(Headers.AUTHENTICATED_ROLES, rolesOf(principal));
            }
        })).build();
    }

    private static String rolesOf(Principal principal) {
        if (!(principal instanceof Authentication authentication)) {
            return "";
        }
        return Role.of(authentication.getAuthorities()).stream().map(Role::name).collect(Collectors.joining(","));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
