package org.guardianportal.gateway.access;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing issuer into Boot's short "APPLICATION FAILED TO START" report instead of a stack trace. */
class MissingIssuerFailureAnalyzer extends AbstractFailureAnalyzer<MissingIssuerException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingIssuerException cause) {
        return new FailureAnalysis(cause.getMessage() + ".",
                "Set OIDC_ISSUER_URI to your identity provider's issuer URL (for example"
                        + " https://login.example.org/realms/district), or set GATEWAY_AUTH_MODE=local to run with"
                        + " the built-in local users on one machine.",
                cause);
    }
}
