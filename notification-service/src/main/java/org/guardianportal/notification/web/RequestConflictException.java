package org.guardianportal.notification.web;

/** The request is valid but the resource's current state forbids it: 409, with the reason. */
public class RequestConflictException extends RuntimeException {

    public RequestConflictException(String detail) {
        super(detail);
    }
}
