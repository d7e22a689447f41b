package org.guardianportal.notification.message;

/**
 * A message as it was read: its id and the number of status changes it had then. Every conditional write is
 * {@code {_id, statusVersion}}: it applies only if the message has not changed status since, which is what makes
 * claims exclusive between instances, and it is answered from one unique index by every store.
 */
public record MessageVersion(String id, int statusVersion) {

    public static MessageVersion of(MessageDocument message) {
        return new MessageVersion(message.id(), message.statusVersion());
    }
}
