package org.guardianportal.gateway.access;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.util.StringUtils;

/**
 * Production mode: JWT bearer tokens from the OIDC issuer, roles from a claim, and, once the gateway has a client at
 * the provider ({@code gateway.auth.client-id}), people signing in to the admin UI there ({@link BrowserSignIn}). No
 * built-in users; without an issuer the gateway refuses to start rather than run open or locked.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "gateway.auth.mode", havingValue = "oidc", matchIfMissing = true)
class OidcAuthentication {

    private final String issuer;

    OidcAuthentication(OAuth2ResourceServerProperties resourceServer) {
        this.issuer = resourceServer.getJwt().getIssuerUri();
        if (!StringUtils.hasText(issuer)) {
            throw new MissingIssuerException();
        }
    }

    @Bean
    AuthenticationMode oidcMode(AuthSettings settings, ReactiveJwtDecoder tokens) {
        var bearer = new ProblemAuthenticationEntryPoint("Bearer", "bearer");
        return http -> {
            http.oauth2ResourceServer(resourceServer -> resourceServer
                            .jwt(jwt -> jwt.jwtAuthenticationConverter(new JwtRoles(settings.rolesClaim())))
                            .authenticationEntryPoint(bearer))
                    .exceptionHandling(handling -> handling.authenticationEntryPoint(bearer));
            if (StringUtils.hasText(settings.clientId())) {
                BrowserSignIn.configure(http, issuer, settings, tokens, bearer);
            }
        };
    }
}
