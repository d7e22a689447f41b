package org.guardianportal.notification.message;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.guardianportal.contracts.MessageStatus;

/** What the message log API answers; mapped from the stored documents, never the documents themselves. */
final class MessageViews {

    private MessageViews() {
    }

    /** One line of the log. */
    record MessageItem(String id, String guardianId, String batchId, String requestedBy, String recipient,
            String subject, MessageStatus status, int attempts, String lastError, Instant createdAt,
            Instant scheduledFor, Instant sentAt) {

        static MessageItem of(MessageDocument message) {
            return new MessageItem(message.id(), message.guardianId(), message.batchId(), message.requestedBy(),
                    message.recipient(), message.subject(), message.status(), message.attempts(),
                    message.lastError(), message.createdAt(), message.scheduledFor(), message.sentAt());
        }
    }

    /** One message with its body (password masked) and who revealed the password. */
    record MessageDetail(String id, String guardianId, String batchId, String requestedBy, String recipient,
            String subject, MessageStatus status, int attempts, String lastError, Instant createdAt,
            Instant scheduledFor, Instant sentAt, String body, List<RevealView> reveals) {

        static MessageDetail of(MessageDocument message) {
            List<RevealView> reveals = message.reveals() == null ? List.of()
                    : message.reveals().stream().map(reveal -> new RevealView(reveal.by(), reveal.at())).toList();
            return new MessageDetail(message.id(), message.guardianId(), message.batchId(), message.requestedBy(),
                    message.recipient(), message.subject(), message.status(), message.attempts(),
                    message.lastError(), message.createdAt(), message.scheduledFor(), message.sentAt(),
                    MessageBody.masked(message.body()), reveals);
        }
    }

    record RevealView(String by, Instant at) {
    }

    record MessagePage(List<MessageItem> items, int page, int size, long total) {
    }

    /** The only response that carries a plaintext password. */
    record RevealedPassword(String password) {
    }

    /** Body of {@code POST /api/messages/replays}; parsed by {@link MessageLog}, so every field error is named. */
    record ReplaysRequest(String status, String batchId, String from, String to) {
    }

    record ReplaysResult(long requeued) {
    }

    record MessageStats(String batchId, long total, Map<MessageStatus, Long> byStatus) {
    }
}
