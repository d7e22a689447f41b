package org.guardianportal.credential.password;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A login that did not prove the password: 401. Unknown login and wrong password read the same. */
class LoginRefusedException extends ErrorResponseException {

    private LoginRefusedException(String detailCode) {
        super(HttpStatus.UNAUTHORIZED, ProblemDetail.forStatus(HttpStatus.UNAUTHORIZED), null, detailCode, null);
    }

    static LoginRefusedException wrongCredentials() {
        return new LoginRefusedException("login.refused");
    }

    static LoginRefusedException expired() {
        return new LoginRefusedException("login.expired");
    }
}
