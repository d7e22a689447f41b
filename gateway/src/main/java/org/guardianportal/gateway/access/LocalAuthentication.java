package org.guardianportal.gateway.access;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.NoOpPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.ui.DefaultResourcesWebFilter;
import org.springframework.security.web.server.ui.LogoutPageGeneratingWebFilter;

/**
 * Local mode (one machine, no identity provider): the users {@code admin}, {@code operator} and {@code portal},
 * each with its name as password, over HTTP Basic (API clients) and a login form (people).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "gateway.auth.mode", havingValue = "local")
class LocalAuthentication {

    private static final Logger log = LoggerFactory.getLogger(LocalAuthentication.class);

    private static final List<UserDetails> USERS = List.of(
            user("admin", Role.ADMIN), user("operator", Role.OPERATOR), user("portal", Role.PORTAL));

    /**
     * The local passwords are public and stored as they are ({noop}). With Spring's default encoder, whose preferred
     * form is bcrypt, the manager would "upgrade" them by hashing the presented password with bcrypt on every
     * successful sign-in: about 90 ms of CPU on each Basic-authenticated API call.
     */
    static final PasswordEncoder PUBLIC_PASSWORDS =
            new DelegatingPasswordEncoder("noop", Map.of("noop", NoOpPasswordEncoder.getInstance()));

    @Bean
    ReactiveAuthenticationManager localUsers() {
        log.warn("Local users are active (gateway.auth.mode=local): admin (ADMIN), operator (OPERATOR),"
                + " portal (PORTAL); password = user name. Use GATEWAY_AUTH_MODE=oidc in production.");
        var manager = new UserDetailsRepositoryReactiveAuthenticationManager(new MapReactiveUserDetailsService(USERS));
        manager.setPasswordEncoder(PUBLIC_PASSWORDS);
        return manager;
    }

    @Bean
    AuthenticationMode localMode() {
        ServerAuthenticationEntryPoint basic = new ProblemAuthenticationEntryPoint(
                "Basic realm=\"guardian-portal\", charset=\"UTF-8\"", "basic");
        return http -> http
                .httpBasic(httpBasic -> httpBasic.authenticationEntryPoint(basic))
                // the sign-in form is the admin UI's own page (ui.AdminPages); Spring only checks what it posts
                .formLogin(form -> form.loginPage("/login"))
                .logout(Customizer.withDefaults())
                .exceptionHandling(handling -> handling.authenticationEntryPoint(
                        GatewaySecurityConfiguration.pagesTo("/login", basic)))
                // Spring's confirmation page at GET /logout, for a person who typed the address
                .addFilterBefore(DefaultResourcesWebFilter.css(), SecurityWebFiltersOrder.LOGOUT_PAGE_GENERATING)
                .addFilterAt(new LogoutPageGeneratingWebFilter(), SecurityWebFiltersOrder.LOGOUT_PAGE_GENERATING);
    }

    /** The local passwords are public (printed at start-up), so they are stored as they are. */
    private static UserDetails user(String name, Role role) {
        return User.withUsername(name).password("{noop}" + name).roles(role.name()).build();
    }
}
