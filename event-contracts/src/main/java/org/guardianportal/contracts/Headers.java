package org.guardianportal.contracts;

/** HTTP headers the gateway sets on every request it forwards; a client-supplied copy is stripped first. */
public final class Headers {

    /** The authenticated user's name: the {@code requestedBy} of a batch, the {@code actor} of an email change. */
    public static final String AUTHENTICATED_USER = "X-Authenticated-User";
    /** The authenticated user's roles, comma-separated (ADMIN, OPERATOR, PORTAL). */
    public static final String AUTHENTICATED_ROLES = "X-Authenticated-Roles";

    private Headers() {
    }
}
