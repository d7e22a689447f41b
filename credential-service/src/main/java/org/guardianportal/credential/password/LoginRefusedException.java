package org.guardianportal.credential.password;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A login that did not prove the password: 401. Unknown login and wrong password read the same. */
class LoginRefusedException extends ErrorResponseException {

    static final String WRONG_CREDENTIALS = "The login or the password is incorrect.";
    static final String EXPIRED = "This temporary password has expired: a new one must be requested from the school.";

    private LoginRefusedException(String detail) {
        super(HttpStatus.UNAUTHORIZED, ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail), null);
    }

    static LoginRefusedException wrongCredentials() {
        return new LoginRefusedException(WRONG_CREDENTIALS);
    }

    static LoginRefusedException expired() {
        return new LoginRefusedException(EXPIRED);
    }
}
