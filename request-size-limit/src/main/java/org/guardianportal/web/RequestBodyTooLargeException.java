package org.guardianportal.web;

import java.io.IOException;

/**
 * Thrown while reading a body that goes past the limit; an IOException, so that body readers pass it on inside
 * their own failure (Spring's HttpMessageNotReadableException), where a service's problem advice finds it.
 */
public class RequestBodyTooLargeException extends IOException {

    RequestBodyTooLargeException(long limit) {
        super(detail(limit));
    }

    /** "The request body is larger than the 5 MB accepted." */
    static String detail(long limit) {
        String size = limit % (1024 * 1024) == 0 ? limit / (1024 * 1024) + " MB"
                : limit % 1024 == 0 ? limit / 1024 + " KB" : limit + " bytes";
        return "The request body is larger than the " + size + " accepted.";
    }
}
