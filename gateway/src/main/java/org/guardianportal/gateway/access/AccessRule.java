package org.guardianportal.gateway.access;

import java.util.Set;

import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;

/** Requests matching {@code matcher} are allowed to the {@code allowed} roles only; none allowed means nobody. */
record AccessRule(ServerWebExchangeMatcher matcher, Set<Role> allowed) {
}
