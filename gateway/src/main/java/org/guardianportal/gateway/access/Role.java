package org.guardianportal.gateway.access;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

import org.springframework.security.core.GrantedAuthority;

/** The roles of SPEC §4; granted as Spring authorities {@code ROLE_<name>}. */
public enum Role {
    ADMIN, OPERATOR, PORTAL;

    private static final String AUTHORITY_PREFIX = "ROLE_";

    String authority() {
        return AUTHORITY_PREFIX + name();
    }

    /** The gateway roles among granted authorities, in declaration order; other authorities are ignored. */
    public static Collection<Role> of(Collection<? extends GrantedAuthority> authorities) {
        return authorities.stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority != null && authority.startsWith(AUTHORITY_PREFIX))
                .map(authority -> named(authority.substring(AUTHORITY_PREFIX.length())))
                .flatMap(Optional::stream)
                .distinct()
                .sorted()
                .toList();
    }

    /** A role as an identity provider may spell it: {@code admin}, {@code ADMIN} or {@code ROLE_ADMIN}. */
    static Optional<Role> named(String value) {
        String name = value.trim().toUpperCase(Locale.ROOT);
        if (name.startsWith(AUTHORITY_PREFIX)) {
            name = name.substring(AUTHORITY_PREFIX.length());
        }
        for (Role role : values()) {
            if (role.name().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
