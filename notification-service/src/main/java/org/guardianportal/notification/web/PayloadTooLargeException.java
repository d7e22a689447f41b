package org.guardianportal.notification.web;

/** The request body is larger than the service accepts: 413. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(long maxBytes) {
        super("The request body is larger than the " + maxBytes + " bytes this service accepts");
    }
}
