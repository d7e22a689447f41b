package org.guardianportal.notification.web;

/** The id in the path names nothing: 404. */
public class ResourceNotFoundException extends RuntimeException {

    public ResourceNotFoundException(String detail) {
        super(detail);
    }
}
