package org.guardianportal.guardian.guardian;

import org.guardianportal.contracts.EmailOrigin;

/** Who makes a change: an administrator (by user name) or a district system (by its source name). */
public record Actor(EmailOrigin origin, String name) {

    public static Actor admin(String userName) {
        return new Actor(EmailOrigin.ADMIN, userName == null || userName.isBlank() ? "anonymous" : userName);
    }

    public static Actor district(String source) {
        return new Actor(EmailOrigin.DISTRICT_SYNC, source);
    }
}
