package org.guardianportal.web;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request whose content breaks rules: 400 with the broken rules as {@code errors}. Detail and rules are worded in
 * the request's language; the detail's wording reads the rules' messages, joined, as <code>{0}</code>, and the
 * values given as <code>{1}</code> on.
 */
public class InvalidRequestException extends ErrorResponseException {

    private final transient List<BrokenRule> broken;
    private final transient Object[] values;

    public InvalidRequestException(List<BrokenRule> broken, String detailCode, Object... values) {
        super(HttpStatus.BAD_REQUEST, ProblemDetail.forStatus(HttpStatus.BAD_REQUEST), null, detailCode, null);
        this.broken = List.copyOf(broken);
        this.values = values;
    }

    /** One broken rule, which the detail names with its field. */
    public InvalidRequestException(BrokenRule rule) {
        this(List.of(rule), "request.invalid", rule.field());
    }

    public List<BrokenRule> brokenRules() {
        return broken;
    }

    @Override
    public Object[] getDetailMessageArguments(MessageSource messages, Locale locale) {
        String rules = broken.stream().map(rule -> worded(rule, messages, locale)).collect(Collectors.joining("; "));
        return Stream.concat(Stream.of(rules), Stream.of(values)).toArray();
    }

    @Override
    public ProblemDetail updateAndGetBody(MessageSource messages, Locale locale) {
        ProblemDetail body = super.updateAndGetBody(messages, locale);
        body.setProperty("errors", broken.stream()
                .map(rule -> new FieldError(rule.field(), worded(rule, messages, locale)))
                .toList());
        return body;
    }

    private static String worded(BrokenRule rule, MessageSource messages, Locale locale) {
        return messages == null ? rule.code() : messages.getMessage(rule, locale);
    }
}
