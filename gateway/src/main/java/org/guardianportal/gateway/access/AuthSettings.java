package org.guardianportal.gateway.access;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway authenticates people and systems.
 *
 * @param mode       {@code local}: built-in users for one machine; {@code oidc}: JWT bearer tokens from an OIDC issuer
 * @param rolesClaim the JWT claim holding the roles (a list or a comma-separated string; a dotted path reaches a
 *                   nested claim); Keycloak's {@code realm_access.roles} is read as well
 * @param clientId   in {@code oidc} mode, the gateway's client at the provider, through which people sign in to the
 *                   admin UI; empty: no browser sign-in, bearer tokens only
 * @param clientSecret that client's secret
 */
@Validated
@ConfigurationProperties("gateway.auth")
record AuthSettings(@DefaultValue("oidc") @NotNull Mode mode, @DefaultValue("roles") @NotBlank String rolesClaim,
        @DefaultValue("") String clientId, @DefaultValue("") String clientSecret) {

    enum Mode { LOCAL, OIDC }

    /** Never the client secret: a record would print it wherever the settings are logged or shown. */
    @Override
    public String toString() {
        return "AuthSettings[mode=" + mode + ", rolesClaim=" + rolesClaim + ", clientId=" + clientId
                + ", clientSecret=" + (clientSecret == null || clientSecret.isEmpty() ? "" : "***") + "]";
    }
}
