package org.guardianportal.gateway.routing;

import org.guardianportal.gateway.problem.ProblemResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * A routed call that fails (service down, refused, reset, too slow) becomes a problem+json naming the service,
 * never a bare 500 or an HTML page. Errors outside the routes are left to Spring Boot's handler.
 */
@Component
@Order(-2) // before Spring Boot's ErrorWebExceptionHandler (-1)
class DownstreamFailures implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DownstreamFailures.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null || exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        String service = route.getId();
        String call = exchange.getRequest().getMethod().name() + " " + exchange.getRequest().getPath().value();
        if (failure instanceof ResponseStatusException refused && refused.getStatusCode().is4xxClientError()) {
            return ProblemResponses.write(exchange, HttpStatus.valueOf(refused.getStatusCode().value()),
                    refused.getReason() != null ? refused.getReason() : refused.getMessage());
        }
        if (failure instanceof ResponseStatusException timeout
                && timeout.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value()) {
            log.warn("{} did not answer {} in time: {}", service, call, timeout.getReason());
            return ProblemResponses.write(exchange, HttpStatus.GATEWAY_TIMEOUT,
                    ProblemResponses.worded(exchange, "downstream.timeout", service));
        }
        log.warn("{} is unavailable for {}: {}", service, call, failure.toString());
        return ProblemResponses.write(exchange, HttpStatus.SERVICE_UNAVAILABLE,
                ProblemResponses.worded(exchange, "downstream.unavailable", service));
    }
}
