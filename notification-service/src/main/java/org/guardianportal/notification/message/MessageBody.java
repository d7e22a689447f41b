package org.guardianportal.notification.message;

/**
 * A stored mail body: rendered once with a placeholder where the password goes, so the password is never
 * written anywhere but in the sealed secret. It is put in only at the moment of sending.
 */
public final class MessageBody {

    public static final String PASSWORD_PLACEHOLDER = "{{password}}";
    static final String MASK = "••••••••";

    private MessageBody() {
    }

    /** The text to send: the placeholder replaced with the opened password. */
    public static String withPassword(String body, String password) {
        return body.replace(PASSWORD_PLACEHOLDER, password);
    }

    /** The text to show in the message log. */
    static String masked(String body) {
        return body == null ? null : body.replace(PASSWORD_PLACEHOLDER, MASK);
    }
}
