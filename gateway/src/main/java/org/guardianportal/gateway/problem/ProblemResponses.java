package org.guardianportal.gateway.problem;

import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes RFC 9457 {@code application/problem+json} answers from filters, where no controller advice runs. The gateway's
 * own details are worded from {@code problems.properties} in the request's language: French when
 * {@code Accept-Language} prefers it to English, English otherwise.
 */
public final class ProblemResponses {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.FRENCH);
    private static final ResourceBundle.Control NO_FALLBACK_TO_THE_MACHINE = ResourceBundle.Control
            .getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private ProblemResponses() {
    }

    /** The wording of {@code code} in the request's language, {@code values} in place of {0}, {1}... */
    public static String worded(ServerWebExchange exchange, String code, Object... values) {
        Locale language = languageOf(exchange);
        ResourceBundle wordings = ResourceBundle.getBundle("problems",
                language.equals(Locale.FRENCH) ? Locale.FRENCH : Locale.ROOT, NO_FALLBACK_TO_THE_MACHINE);
        return new MessageFormat(wordings.getString(code), language).format(values);
    }

    private static Locale languageOf(ServerWebExchange exchange) {
        try {
            List<Locale.LanguageRange> ranges = exchange.getRequest().getHeaders().getAcceptLanguage();
            Locale preferred = Locale.lookup(ranges, LANGUAGES);
            return preferred == null ? Locale.ENGLISH : preferred;
        } catch (IllegalArgumentException unreadable) {
            return Locale.ENGLISH;
        }
    }

    public static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail) {
        return write(exchange, status, detail, null);
    }

    /** @param wwwAuthenticate the challenge to send with a 401, or {@code null} */
    public static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail,
            String wwwAuthenticate) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", exchange.getRequest().getPath().value());
        byte[] body = JSON.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);

        response.setStatusCode(status);
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.setContentLength(body.length);
        if (wwwAuthenticate != null) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, wwwAuthenticate);
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
