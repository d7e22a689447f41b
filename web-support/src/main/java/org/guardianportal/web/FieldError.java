package org.guardianportal.web;

/** One invalid field of a request: {@code {field, message}} in a problem's {@code errors}. */
public record FieldError(String field, String message) {
}
