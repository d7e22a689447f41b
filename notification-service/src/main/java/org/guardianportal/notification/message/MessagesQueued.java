package org.guardianportal.notification.message;

/**
 * Messages were queued for delivery now (a replay): this instance's delivery need not wait for its next poll.
 * Published after the messages are stored as PENDING, so a run it starts finds them.
 */
public record MessagesQueued() {
}
