package org.guardianportal.gateway.access;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.guardianportal.gateway.problem.ProblemResponses;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeReactiveAuthenticationManager;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.web.server.logout.OidcClientInitiatedServerLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The admin UI in production: people sign in through the district's OIDC provider (authorization code flow), the
 * gateway being its client {@code gateway.auth.client-id}; the provider's sign-in page replaces the local form. A
 * person's roles are read as a bearer token's are ({@link JwtRoles}) from the ID token, the user info and the access
 * token when it is a JWT the issuer signed (Keycloak puts realm roles only there by default); her name from the first
 * two. The session then works as a local one (cookie, CSRF token on every write), and signing out also ends the
 * session at the provider when it offers that. API clients keep sending bearer tokens.
 */
final class BrowserSignIn {

    static final String REGISTRATION = "district";
    /** Where a page sends a person who has not signed in: the redirect to the provider. */
    static final String SIGN_IN = "/oauth2/authorization/" + REGISTRATION;

    private BrowserSignIn() {
    }

    static void configure(ServerHttpSecurity http, String issuer, AuthSettings settings, ReactiveJwtDecoder tokens,
            ServerAuthenticationEntryPoint otherCallers) {
        ReactiveClientRegistrationRepository registrations = new ProviderRegistration(issuer, settings);
        var signedIn = new OidcAuthorizationCodeReactiveAuthenticationManager(
                new WebClientReactiveAuthorizationCodeTokenResponseClient(),
                withGatewayRoles(new JwtRoles(settings.rolesClaim()), tokens));
        var signedOut = new OidcClientInitiatedServerLogoutSuccessHandler(registrations);
        signedOut.setPostLogoutRedirectUri("{baseUrl}/");
        signedOut.setLogoutSuccessUrl(URI.create("/"));
        http.oauth2Login(login -> login.clientRegistrationRepository(registrations).authenticationManager(signedIn)
                        // there is no sign-in page here to come back to with an error: say what failed
                        .authenticationFailureHandler((exchange, failure) -> ProblemResponses.write(
                                exchange.getExchange(), HttpStatus.UNAUTHORIZED, ProblemResponses.worded(
                                        exchange.getExchange(), "signIn.failed", failure.getMessage()))))
                .logout(logout -> logout.logoutSuccessHandler(signedOut))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(
                        GatewaySecurityConfiguration.pagesTo(SIGN_IN, otherCallers)));
    }

    /**
     * The provider's user, named by {@code preferred_username}, with the gateway roles that its claims and its access
     * token's grant; an access token that is not a JWT of this issuer grants none.
     */
    private static ReactiveOAuth2UserService<OidcUserRequest, OidcUser> withGatewayRoles(JwtRoles roles,
            ReactiveJwtDecoder tokens) {
        OidcReactiveOAuth2UserService provider = new OidcReactiveOAuth2UserService();
        return request -> provider.loadUser(request).zipWith(tokens.decode(request.getAccessToken().getTokenValue())
                        .map(Jwt::getClaims)
                        .onErrorReturn(Map.of()))
                .map(signedIn -> {
                    OidcUser user = signedIn.getT1();
                    Set<GrantedAuthority> authorities = new LinkedHashSet<>(roles.authorities(user.getClaims()));
                    authorities.addAll(roles.authorities(signedIn.getT2()));
                    return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(),
                            JwtRoles.userNameClaim(user.getClaims()));
                });
    }

    /**
     * The gateway's client at the provider, read from the provider's discovery document when a person first signs in
     * (and again every hour), not at start-up: the gateway starts, and serves bearer tokens, while the provider is
     * away; a failed read is tried again at the next sign-in.
     */
    private static final class ProviderRegistration implements ReactiveClientRegistrationRepository {

        private final Mono<ClientRegistration> registration;

        ProviderRegistration(String issuer, AuthSettings settings) {
            this.registration = Mono.fromCallable(() -> ClientRegistrations.fromIssuerLocation(issuer)
                            .registrationId(REGISTRATION)
                            .clientId(settings.clientId())
                            .clientSecret(settings.clientSecret())
                            .scope("openid", "profile")
                            .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                            .build())
                    .subscribeOn(Schedulers.boundedElastic())
                    .cache(found -> Duration.ofHours(1), failed -> Duration.ZERO, () -> Duration.ZERO);
        }

        @Override
        public Mono<ClientRegistration> findByRegistrationId(String registrationId) {
            return REGISTRATION.equals(registrationId) ? registration : Mono.empty();
        }
    }
}
