package org.guardianportal.gateway.access;

import org.springframework.security.config.web.server.ServerHttpSecurity;

/** How requests prove who they are in the configured {@code gateway.auth.mode}: exactly one is a bean. */
@FunctionalInterface
interface AuthenticationMode {

    /** Adds the authentication mechanisms and the 401 entry point of this mode. */
    void configure(ServerHttpSecurity http);
}
