package org.guardianportal.notification.message;

import java.time.Instant;
import java.util.List;

import org.guardianportal.contracts.MessageStatus;
import org.guardianportal.contracts.SealedSecret;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One mail of the message log, as stored in the {@code messages} collection.
 *
 * <p>The body holds {@link MessageBody#PASSWORD_PLACEHOLDER} where the password goes; the password itself is only
 * in {@code secret}, sealed with the delivery key. {@code statusVersion} counts status changes and names the
 * status event of each; {@code pendingEvent} holds the message id while the event of the current version is not yet
 * on Kafka (a key of a sparse unique index: the outbox relay finds these few messages from the index alone).
 */
@Document(MessageDocument.COLLECTION)
public record MessageDocument(
        @Id String id,
        String eventId,
        String guardianId,
        String batchId,
        String requestedBy,
        String recipient,
        String firstName,
        String lastName,
        String locale,
        String subject,
        String body,
        SealedSecret secret,
        MessageStatus status,
        int attempts,
        String lastError,
        Instant createdAt,
        Instant scheduledFor,
        Instant sentAt,
        Instant leaseUntil,
        String claimToken,
        List<Reveal> reveals,
        List<String> subjectWords,
        List<String> words,
        int statusVersion,
        String pendingEvent,
        Instant statusChangedAt) {

    public static final String COLLECTION = "messages";

    /** Who saw the password of this message, and when. */
    public record Reveal(String by, Instant at) {
    }

    /** Field names, for queries and updates. */
    static final class Fields {
        static final String ID = "_id";
        static final String EVENT_ID = "eventId";
        static final String GUARDIAN_ID = "guardianId";
        static final String BATCH_ID = "batchId";
        static final String REQUESTED_BY = "requestedBy";
        static final String RECIPIENT = "recipient";
        static final String SUBJECT = "subject";
        static final String BODY = "body";
        static final String SECRET = "secret";
        static final String STATUS = "status";
        static final String ATTEMPTS = "attempts";
        static final String LAST_ERROR = "lastError";
        static final String CREATED_AT = "createdAt";
        static final String SCHEDULED_FOR = "scheduledFor";
        static final String SENT_AT = "sentAt";
        static final String LEASE_UNTIL = "leaseUntil";
        static final String CLAIM_TOKEN = "claimToken";
        static final String REVEALS = "reveals";
        static final String SUBJECT_WORDS = "subjectWords";
        static final String WORDS = "words";
        static final String STATUS_VERSION = "statusVersion";
        static final String PENDING_EVENT = "pendingEvent";
        static final String STATUS_CHANGED_AT = "statusChangedAt";

        private Fields() {
        }
    }
}
