package org.guardianportal.notification;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.guardianportal.contracts.MessageStatus;
import org.guardianportal.notification.message.MessageBody;
import org.guardianportal.notification.message.MessageDocument;
import org.guardianportal.notification.message.SearchWords;
import org.guardianportal.secret.SecretSealer;

/** A stored message built directly, for tests that need a precise state (status, dates, lease) at once. */
public final class MessageFixture {

    /** Far enough ahead that the running scheduler never finds the message due. */
    public static final Instant NEVER = Instant.parse("2100-01-01T00:00:00Z");

    private final SecretSealer sealer;
    private String id = UUID.randomUUID().toString();
    private String guardianId = "g-" + UUID.randomUUID();
    private String batchId = "batch-" + UUID.randomUUID();
    private String requestedBy = "admin";
    private String recipient = "parent-" + UUID.randomUUID() + "@example.org";
    private String firstName = "Amélie";
    private String lastName = "Lefèvre";
    private String subject = "Votre mot de passe Portail Famille";
    private String password = "Fixture9Pass";
    private MessageStatus status = MessageStatus.PENDING;
    private int attempts;
    private String lastError;
    private Instant createdAt = Instant.now();
    private Instant scheduledFor = NEVER;
    private Instant sentAt;
    private Instant leaseUntil;
    private String claimToken;

    private MessageFixture(SecretSealer sealer) {
        this.sealer = sealer;
    }

    public static MessageFixture message(SecretSealer sealer) {
        return new MessageFixture(sealer);
    }

    public MessageFixture guardianId(String value) {
        guardianId = value;
        return this;
    }

    public MessageFixture batchId(String value) {
        batchId = value;
        return this;
    }

    public MessageFixture requestedBy(String value) {
        requestedBy = value;
        return this;
    }

    public MessageFixture recipient(String value) {
        recipient = value;
        return this;
    }

    public MessageFixture names(String first, String last) {
        firstName = first;
        lastName = last;
        return this;
    }

    public MessageFixture subject(String value) {
        subject = value;
        return this;
    }

    public MessageFixture password(String value) {
        password = value;
        return this;
    }

    public MessageFixture status(MessageStatus value) {
        status = value;
        return this;
    }

    public MessageFixture attempts(int value) {
        attempts = value;
        return this;
    }

    public MessageFixture lastError(String value) {
        lastError = value;
        return this;
    }

    public MessageFixture createdAt(Instant value) {
        createdAt = value;
        return this;
    }

    public MessageFixture scheduledFor(Instant value) {
        scheduledFor = value;
        return this;
    }

    public MessageFixture sentAt(Instant value) {
        sentAt = value;
        return this;
    }

    /** SENDING, held by a claim that ends at {@code until}. */
    public MessageFixture leasedUntil(Instant until) {
        status = MessageStatus.SENDING;
        leaseUntil = until;
        claimToken = "claim-of-a-crashed-instance";
        return this;
    }

    public MessageDocument build() {
        String address = recipient.toLowerCase(Locale.ROOT);
        String body = "Bonjour " + firstName + " " + lastName + ",\nIdentifiant : " + address
                + "\nMot de passe temporaire : " + MessageBody.PASSWORD_PLACEHOLDER + "\n";
        return new MessageDocument(id, UUID.randomUUID().toString(), guardianId, batchId, requestedBy, address,
                firstName, lastName, "fr", subject, body, sealer.seal(password, guardianId), status, attempts,
                lastError, createdAt, scheduledFor, sentAt, leaseUntil, claimToken, List.of(),
                SearchWords.of(subject), SearchWords.of(subject, address, firstName, lastName), 1, null, createdAt);
    }
}
