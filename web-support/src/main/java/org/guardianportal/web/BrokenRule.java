package org.guardianportal.web;

import org.springframework.context.MessageSourceResolvable;

/**
 * A rule a field of a request breaks, before it is worded: a code of the service's {@code messages} and the values
 * the wording names. Worded in the request's language into {@code {field, message}} of a problem's {@code errors}.
 */
public record BrokenRule(String field, String code, Object... values) implements MessageSourceResolvable {

    @Override
    public String[] getCodes() {
        return new String[] {code};
    }

    @Override
    public Object[] getArguments() {
        return values;
    }

    /** A code without wording reads as itself rather than failing the answer. */
    @Override
    public String getDefaultMessage() {
        return code;
    }
}
