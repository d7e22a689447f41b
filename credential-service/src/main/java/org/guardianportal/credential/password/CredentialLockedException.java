package org.guardianportal.credential.password;

import java.time.Instant;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Too many failed logins in a row: 423 until {@code lockedUntil}. */
class CredentialLockedException extends ErrorResponseException {

    CredentialLockedException(Instant lockedUntil) {
        super(HttpStatus.LOCKED, problem(lockedUntil), null, "login.locked", new Object[] {lockedUntil.toString()});
    }

    private static ProblemDetail problem(Instant lockedUntil) {
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.LOCKED);
        problem.setProperty("lockedUntil", lockedUntil);
        return problem;
    }
}
