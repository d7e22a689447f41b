package org.guardianportal.credential.password;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import org.guardianportal.contracts.CredentialCommand;
import org.guardianportal.contracts.CredentialIssued;
import org.guardianportal.contracts.CredentialRejected;
import org.guardianportal.contracts.RejectionReason;
import org.guardianportal.contracts.Topics;
import org.guardianportal.credential.CredentialSettings;
import org.guardianportal.credential.batch.Batches;
import org.guardianportal.credential.eligibility.Eligibility;
import org.guardianportal.credential.eligibility.EligibilityProjection;
import org.guardianportal.credential.messaging.InvalidEventException;
import org.guardianportal.secret.SecretSealer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Carries out {@code credential.commands.v1}: gives the guardian a new temporary password, or refuses if they
 * have no email any more. The same command twice issues once; a command whose event Kafka never acknowledged
 * produces that stored event again rather than a second password.
 */
@Service
class PasswordIssuer {

    private static final Logger log = LoggerFactory.getLogger(PasswordIssuer.class);

    private final EligibilityProjection eligibility;
    private final Batches batches;
    private final CredentialStore store;
    private final TemporaryPasswordGenerator passwords;
    private final PasswordEncoder encoder;
    private final SecretSealer sealer;
    private final IssuedEventPublisher issuedEvents;
    private final KafkaTemplate<Object, Object> kafka;
    private final CredentialSettings settings;
    private final Clock clock;

    PasswordIssuer(EligibilityProjection eligibility, Batches batches, CredentialStore store,
            TemporaryPasswordGenerator passwords, PasswordEncoder encoder, SecretSealer sealer,
            IssuedEventPublisher issuedEvents, KafkaTemplate<Object, Object> kafka, CredentialSettings settings,
            Clock clock) {
        this.eligibility = eligibility;
        this.batches = batches;
        this.store = store;
        this.passwords = passwords;
        this.encoder = encoder;
        this.sealer = sealer;
        this.issuedEvents = issuedEvents;
        this.kafka = kafka;
        this.settings = settings;
        this.clock = clock;
    }

    void handle(CredentialCommand command) {
        InvalidEventException.require(command.commandId(), "commandId", Topics.CREDENTIAL_COMMANDS);
        InvalidEventException.require(command.type(), "type", Topics.CREDENTIAL_COMMANDS);
        InvalidEventException.require(command.guardianId(), "guardianId", Topics.CREDENTIAL_COMMANDS);
        InvalidEventException.require(command.batchId(), "batchId", Topics.CREDENTIAL_COMMANDS);

        Optional<Credential> existing = store.find(command.guardianId());
        if (existing.isPresent() && command.commandId().toString().equals(existing.get().lastCommandId())) {
            Credential credential = existing.get();
            if (credential.pendingIssue() != null) {
                issuedEvents.publish(credential.pendingIssue().toEvent(credential.guardianId()));
            }
            batches.recordIssued(command);
            return;
        }
        if (batches.isSettled(command)) {
            return;
        }

        Eligibility guardian = eligibility.find(command.guardianId()).orElse(null);
        Optional<RejectionReason> refusal = Eligibility.refusal(guardian);
        if (refusal.isPresent()) {
            reject(command, refusal.get());
            return;
        }
        issue(command, guardian);
    }

    private void issue(CredentialCommand command, Eligibility guardian) {
        String password = passwords.next();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant expiresAt = now.plus(settings.password().expiry());
        CredentialIssued event = new CredentialIssued(UUID.randomUUID(), now, guardian.guardianId(),
                command.batchId(), command.requestedBy(), guardian.email(), guardian.firstName(), guardian.lastName(),
                guardian.locale(), expiresAt, sealer.seal(password, guardian.guardianId()));
        store.issue(guardian.guardianId(), encoder.encode(password), now, expiresAt,
                command.commandId().toString(), command.batchId(), PendingIssue.of(event));
        batches.recordIssued(command);
        issuedEvents.publish(event);
        log.debug("Issued a temporary password to guardian {} for batch {}", guardian.guardianId(), command.batchId());
    }

    /** Produces the refusal before recording it, so a failure retries the command rather than losing the event. */
    private void reject(CredentialCommand command, RejectionReason reason) {
        // one eventId per command: a retried refusal is recognisably the same event
        UUID eventId = UUID.nameUUIDFromBytes(("rejected:" + command.commandId()).getBytes(StandardCharsets.UTF_8));
        CredentialRejected event = new CredentialRejected(eventId, clock.instant(), command.commandId(),
                command.guardianId(), command.batchId(), reason);
        kafka.send(Topics.CREDENTIAL_REJECTED, command.guardianId(), event).join();
        batches.recordRejected(command, reason);
        log.debug("Refused guardian {} of batch {}: {}", command.guardianId(), command.batchId(), reason);
    }
}
