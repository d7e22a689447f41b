package org.guardianportal.gateway.access;

import org.guardianportal.gateway.problem.ProblemResponses;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * 401 as problem+json with the challenge of the mode (Basic or Bearer), its detail worded from {@code problems}
 * ({@code <mode>.missing} or {@code <mode>.rejected}).
 */
final class ProblemAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

    private final String challenge;
    private final String missingDetail;
    private final String rejectedDetail;

    /** @param mode {@code basic} or {@code bearer}: the prefix of its details' codes */
    ProblemAuthenticationEntryPoint(String challenge, String mode) {
        this.challenge = challenge;
        this.missingDetail = mode + ".missing";
        this.rejectedDetail = mode + ".rejected";
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        String detail = ProblemResponses.worded(exchange,
                failure instanceof AuthenticationCredentialsNotFoundException ? missingDetail : rejectedDetail);
        // a page's script (the admin UI) handles the 401 itself: a challenge would pop up the browser's Basic dialog
        boolean script = "XMLHttpRequest".equals(exchange.getRequest().getHeaders().getFirst("X-Requested-With"));
        return ProblemResponses.write(exchange, HttpStatus.UNAUTHORIZED, detail, script ? null : challenge);
    }
}
