package org.guardianportal.credential.password;

import java.time.Instant;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Too many failed logins in a row: 423 until {@code lockedUntil}. */
class CredentialLockedException extends ErrorResponseException {

    CredentialLockedException(Instant lockedUntil) {
        super(HttpStatus.LOCKED, problem(lockedUntil), null);
    }

    private static ProblemDetail problem(Instant lockedUntil) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.LOCKED,
                "Too many failed attempts: this account is locked until " + lockedUntil + ".");
        problem.setProperty("lockedUntil", lockedUntil);
        return problem;
    }
}
