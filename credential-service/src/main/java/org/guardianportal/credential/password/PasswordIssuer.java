package org.guardianportal.credential.password;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.common.header.Headers;
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
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Carries out {@code credential.commands.v1}: gives the guardian a new temporary password, or refuses if they
 * have no email any more. The same command twice issues once; a command whose event Kafka never acknowledged
 * produces that stored event again rather than a second password.
 */
@Service
class PasswordIssuer implements DisposableBean {

    /** Commands carried out together: about a second of one core's password hashing. */
    private static final int GROUP = 10;

    private static final Logger log = LoggerFactory.getLogger(PasswordIssuer.class);

    private final EligibilityProjection eligibility;
    private final Batches batches;
    private final CredentialStore store;
    private final TemporaryPasswordGenerator passwords;
    private final PasswordEncoder encoder;
    private final SecretSealer sealer;
    private final IssuedEventPublisher issuedEvents;
    private final CommandTraces traces;
    private final KafkaTemplate<Object, Object> kafka;
    private final CredentialSettings settings;
    private final Clock clock;
    /**
     * Every core hashes the passwords of a group at once, whichever consumer's group it is: hashed by the consumer
     * itself, a partition that got more commands than the others kept one core busy, alone, at the end of a batch.
     */
    private final ExecutorService hashing;

    PasswordIssuer(EligibilityProjection eligibility, Batches batches, CredentialStore store,
            TemporaryPasswordGenerator passwords, PasswordEncoder encoder, SecretSealer sealer,
            IssuedEventPublisher issuedEvents, CommandTraces traces, KafkaTemplate<Object, Object> kafka,
            CredentialSettings settings, Clock clock) {
        this.eligibility = eligibility;
        this.batches = batches;
        this.store = store;
        this.passwords = passwords;
        this.encoder = encoder;
        this.sealer = sealer;
        this.issuedEvents = issuedEvents;
        this.traces = traces;
        this.kafka = kafka;
        this.settings = settings;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.hashing = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), task -> {
            Thread thread = new Thread(task, "password-hashing-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void destroy() {
        hashing.shutdownNow();
    }

    /** Fails with an {@link InvalidEventException} if the command lacks what carrying it out needs. */
    static void check(CredentialCommand command) {
        InvalidEventException.require(command.commandId(), "commandId", Topics.CREDENTIAL_COMMANDS);
        InvalidEventException.require(command.type(), "type", Topics.CREDENTIAL_COMMANDS);
        InvalidEventException.require(command.guardianId(), "guardianId", Topics.CREDENTIAL_COMMANDS);
        InvalidEventException.require(command.batchId(), "batchId", Topics.CREDENTIAL_COMMANDS);
    }

    /**
     * Carries out a poll of commands, {@value #GROUP} at a time: a group is read with one query per collection and
     * written with one bulk write per collection, its events produced together. A guardian appears at most once in a
     * group, so a second command for them sees what the first did. Each event continues the trace its command's
     * record carried ({@code recordHeaders}, by command id; see {@link CommandTraces}).
     */
    void handle(List<CredentialCommand> commands, Map<UUID, Headers> recordHeaders) {
        List<CredentialCommand> group = new ArrayList<>(GROUP);
        Set<String> guardians = new HashSet<>();
        for (CredentialCommand command : commands) {
            if (group.size() == GROUP || !guardians.add(command.guardianId())) {
                carryOut(group, recordHeaders);
                group = new ArrayList<>(GROUP);
                guardians.clear();
                guardians.add(command.guardianId());
            }
            group.add(command);
        }
        carryOut(group, recordHeaders);
    }

    /**
     * The credentials are stored (events in their outboxes) and the refusals produced before the items are settled,
     * and the issued events are produced last: a failure anywhere retries the group, and a retried command whose
     * credential is stored produces that stored event again.
     */
    private void carryOut(List<CredentialCommand> group, Map<UUID, Headers> recordHeaders) {
        if (group.isEmpty()) {
            return;
        }
        List<String> guardianIds = group.stream().map(CredentialCommand::guardianId).toList();
        Map<String, Credential> credentials = store.findAll(guardianIds).stream()
                .collect(Collectors.toMap(Credential::guardianId, Function.identity()));
        Set<UUID> settled = batches.settled(group);
        Map<String, Eligibility> guardians = eligibility.findAll(guardianIds);

        List<Future<CredentialStore.NewPassword>> issued = new ArrayList<>();
        List<CredentialIssued> events = new ArrayList<>();
        List<CredentialRejected> refusals = new ArrayList<>();
        List<Batches.Outcome> outcomes = new ArrayList<>();
        Map<UUID, Headers> commandOfEvent = new HashMap<>();
        for (CredentialCommand command : group) {
            Headers commandRecord = recordHeaders.get(command.commandId());
            Credential existing = credentials.get(command.guardianId());
            if (existing != null && command.commandId().toString().equals(existing.lastCommandId())) {
                if (existing.pendingIssue() != null) {
                    CredentialIssued stored = existing.pendingIssue().toEvent(existing.guardianId());
                    events.add(stored);
                    commandOfEvent.put(stored.eventId(), commandRecord);
                }
                outcomes.add(Batches.Outcome.issued(command));
            } else if (!settled.contains(command.commandId())) {
                Eligibility guardian = guardians.get(command.guardianId());
                Optional<RejectionReason> refusal = Eligibility.refusal(guardian);
                if (refusal.isPresent()) {
                    CredentialRejected refused = refusal(command, refusal.get());
                    refusals.add(refused);
                    commandOfEvent.put(refused.eventId(), commandRecord);
                    outcomes.add(new Batches.Outcome(command, refusal.get()));
                } else {
                    CredentialIssued event = issue(command, guardian, issued);
                    events.add(event);
                    commandOfEvent.put(event.eventId(), commandRecord);
                    outcomes.add(Batches.Outcome.issued(command));
                }
            }
        }
        store.issue(hashed(issued));
        // produced all at once, each acknowledged before the items are settled
        refusals.stream().map(event -> traces.within(commandOfEvent.get(event.eventId()),
                        () -> kafka.send(Topics.CREDENTIAL_REJECTED, event.guardianId(), event))).toList()
                .forEach(CompletableFuture::join);
        batches.recordOutcomes(outcomes);
        issuedEvents.publish(events, commandOfEvent);
        log.debug("Carried out {} commands: {} passwords issued, {} refused", group.size(), issued.size(),
                refusals.size());
    }

    /** A new password for the guardian: its hash to store, and its event, sealed, for the outbox and Kafka. */
    private CredentialIssued issue(CredentialCommand command, Eligibility guardian,
            List<Future<CredentialStore.NewPassword>> issued) {
        String password = passwords.next();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant expiresAt = now.plus(settings.password().expiry());
        CredentialIssued event = new CredentialIssued(UUID.randomUUID(), now, guardian.guardianId(),
                command.batchId(), command.requestedBy(), guardian.email(), guardian.firstName(), guardian.lastName(),
                guardian.locale(), expiresAt, sealer.seal(password, guardian.guardianId()));
        issued.add(hashing.submit(() -> new CredentialStore.NewPassword(guardian.guardianId(), encoder.encode(password),
                now, expiresAt, command.commandId().toString(), command.batchId(), PendingIssue.of(event))));
        return event;
    }

    private static List<CredentialStore.NewPassword> hashed(List<Future<CredentialStore.NewPassword>> issued) {
        List<CredentialStore.NewPassword> hashed = new ArrayList<>(issued.size());
        try {
            for (Future<CredentialStore.NewPassword> password : issued) {
                hashed.add(password.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while hashing passwords", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Hashing a password failed", e.getCause());
        }
        return hashed;
    }

    /** One eventId per command: a retried refusal is recognisably the same event. */
    private CredentialRejected refusal(CredentialCommand command, RejectionReason reason) {
        UUID eventId = UUID.nameUUIDFromBytes(("rejected:" + command.commandId()).getBytes(StandardCharsets.UTF_8));
        return new CredentialRejected(eventId, clock.instant(), command.commandId(), command.guardianId(),
                command.batchId(), reason);
    }
}
