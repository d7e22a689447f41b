package org.guardianportal.guardian.web;

import java.io.IOException;

/** Thrown while reading a body that goes past the limit; an IOException so that body readers pass it on. */
class RequestBodyTooLargeException extends IOException {

    RequestBodyTooLargeException(long limit) {
        super(ProblemAdvice.tooLargeDetail(limit));
    }
}
