package org.guardianportal.gateway.access;

/** OIDC mode without an issuer: the gateway could check no token, so it does not start. */
final class MissingIssuerException extends IllegalStateException {

    MissingIssuerException() {
        super("gateway.auth.mode is oidc but no OIDC issuer is configured"
                + " (OIDC_ISSUER_URI / spring.security.oauth2.resourceserver.jwt.issuer-uri is empty)");
    }
}
