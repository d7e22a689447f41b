package org.guardianportal.gateway.access;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.StringUtils;
import reactor.core.publisher.Mono;

/**
 * Reads a token's user name ({@code preferred_username}, else {@code sub}) and gateway roles (the configured claim
 * and Keycloak's {@code realm_access.roles}); values that are no gateway role are ignored. The same reading serves the
 * people who sign in to the admin UI through the provider ({@link BrowserSignIn}).
 */
final class JwtRoles implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

    private static final String KEYCLOAK_REALM_ROLES = "realm_access.roles";

    private final String rolesClaim;

    JwtRoles(String rolesClaim) {
        this.rolesClaim = rolesClaim;
    }

    @Override
    public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
        return Mono.just(new JwtAuthenticationToken(jwt, authorities(jwt.getClaims()), userName(jwt.getClaims())));
    }

    /** The gateway roles these claims grant (a token's, or a signed-in person's ID token and user info). */
    List<GrantedAuthority> authorities(Map<String, Object> claims) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        roles.addAll(rolesAt(claims, rolesClaim));
        roles.addAll(rolesAt(claims, KEYCLOAK_REALM_ROLES));
        return roles.stream().<GrantedAuthority>map(role -> new SimpleGrantedAuthority(role.authority())).toList();
    }

    /** The claim that names the user: {@code preferred_username}, else {@code sub}. */
    static String userNameClaim(Map<String, Object> claims) {
        return claims.get("preferred_username") instanceof String preferred && StringUtils.hasText(preferred)
                ? "preferred_username" : "sub";
    }

    private static String userName(Map<String, Object> claims) {
        return String.valueOf(claims.get(userNameClaim(claims)));
    }

    /** The claim named exactly {@code path} (names may hold dots, as URLs do), else the dotted path into nested ones. */
    private static List<Role> rolesAt(Map<String, Object> claims, String path) {
        Object value = claims.containsKey(path) ? claims.get(path) : nested(claims, path);
        Collection<?> names = value instanceof Collection<?> list ? list
                : value instanceof String text ? List.of(text.split("[,\\s]+"))
                : List.of();
        return names.stream()
                .filter(name -> name instanceof String)
                .map(name -> Role.named((String) name))
                .flatMap(Optional::stream)
                .toList();
    }

    private static Object nested(Map<String, Object> claims, String path) {
        Object current = claims;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }
}
