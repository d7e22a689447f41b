package org.guardianportal.credential.batch;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.guardianportal.contracts.CredentialCommand;
import org.guardianportal.contracts.MessageStatus;
import org.guardianportal.contracts.NotificationStatusChanged;
import org.guardianportal.contracts.RejectionReason;
import org.guardianportal.credential.CredentialSettings;
import org.guardianportal.credential.eligibility.Eligibility;
import org.guardianportal.credential.eligibility.EligibilityProjection;
import org.guardianportal.credential.messaging.InvalidEventException;
import org.guardianportal.credential.web.NotFoundException;
import org.guardianportal.credential.web.PageQuery;
import org.guardianportal.credential.web.PageResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Password batches: accepts a selection (refusing guardians without email), queues one command per guardian,
 * and follows each guardian's password from issue to delivery.
 */
@Service
public class Batches {

    private static final Logger log = LoggerFactory.getLogger(Batches.class);

    private final EligibilityProjection eligibility;
    private final BatchStore store;
    private final CommandPublisher commands;
    private final CredentialSettings settings;
    private final Clock clock;

    Batches(EligibilityProjection eligibility, BatchStore store, CommandPublisher commands,
            CredentialSettings settings, Clock clock) {
        this.eligibility = eligibility;
        this.store = store;
        this.commands = commands;
        this.settings = settings;
        this.clock = clock;
    }

    /** Records the batch and its items, then queues the commands in the background: the caller does not wait for Kafka. */
    public BatchAccepted create(List<String> guardianIds, String requestedBy) {
        GuardianSelection selection = GuardianSelection.of(guardianIds, settings.batch().maxGuardians());
        Map<String, Eligibility> known = eligibility.findAll(selection.guardianIds());
        String batchId = UUID.randomUUID().toString();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);

        List<BatchItemDocument> items = new ArrayList<>(selection.size());
        List<BatchItemDocument> queued = new ArrayList<>(selection.size());
        List<BatchAccepted.Rejection> rejected = new ArrayList<>();
        for (String guardianId : selection.guardianIds()) {
            Optional<RejectionReason> refusal = Eligibility.refusal(known.get(guardianId));
            if (refusal.isPresent()) {
                items.add(BatchItemDocument.rejected(batchId, guardianId, refusal.get(), requestedBy, now));
                rejected.add(new BatchAccepted.Rejection(guardianId, refusal.get()));
            } else {
                BatchItemDocument item = BatchItemDocument.queued(batchId, guardianId, requestedBy, now);
                items.add(item);
                queued.add(item);
            }
        }
        store.insert(new BatchDocument(batchId, requestedBy, now, selection.size(), rejected.size()), items);
        commands.publishInBackground(batchId, queued);
        log.info("Batch {} by {}: {} guardians requested, {} queued, {} refused", batchId, requestedBy,
                selection.size(), queued.size(), rejected.size());
        return new BatchAccepted(batchId, selection.size(), queued.size(), rejected);
    }

    public BatchSummary summary(String batchId) {
        BatchDocument batch = store.find(batchId);
        if (batch == null) {
            throw new NotFoundException("batch.notFound", batchId);
        }
        return summarise(batch, store.countItems(List.of(batchId)).get(batchId));
    }

    public PageResponse<BatchSummary> list(PageQuery page) {
        List<BatchDocument> batches = store.newestFirst(page);
        Map<String, BatchStore.ItemCounts> counts = store.countItems(batches.stream().map(BatchDocument::batchId).toList());
        List<BatchSummary> items = batches.stream()
                .map(batch -> summarise(batch, counts.get(batch.batchId())))
                .toList();
        return PageResponse.of(items, page, store.countBatches());
    }

    private static BatchSummary summarise(BatchDocument batch, BatchStore.ItemCounts counts) {
        return new BatchSummary(batch.batchId(), batch.requestedBy(), batch.createdAt(), batch.requested(),
                counts.inState(BatchItemState.ISSUED), counts.inState(BatchItemState.REJECTED),
                counts.delivered(MessageStatus.SENT), counts.delivered(MessageStatus.FAILED));
    }

    /** The commands among these that were carried out already (their guardian was given a password or refused). */
    public Set<UUID> settled(List<CredentialCommand> commands) {
        Set<String> commandIds = commands.stream().map(command -> command.commandId().toString())
                .collect(Collectors.toSet());
        Set<UUID> settled = new HashSet<>();
        for (BatchItemDocument item : store.findItems(commands.stream()
                .map(command -> BatchItemDocument.idOf(command.batchId(), command.guardianId())).toList())) {
            if (item.state() != BatchItemState.QUEUED && commandIds.contains(item.commandId())) {
                settled.add(UUID.fromString(item.commandId()));
            }
        }
        return settled;
    }

    /** What became of a command: its guardian was given a password, or refused for {@code refusal}. */
    public record Outcome(CredentialCommand command, RejectionReason refusal) {

        public static Outcome issued(CredentialCommand command) {
            return new Outcome(command, null);
        }
    }

    /** Records what became of these commands, together. */
    public void recordOutcomes(List<Outcome> outcomes) {
        store.settle(outcomes);
    }

    /** Fails with an {@link InvalidEventException} if the event lacks what following a delivery needs. */
    static void check(NotificationStatusChanged event) {
        InvalidEventException.require(event.guardianId(), "guardianId", "notification.status-changed.v1");
        InvalidEventException.require(event.status(), "status", "notification.status-changed.v1");
        InvalidEventException.require(event.occurredAt(), "occurredAt", "notification.status-changed.v1");
    }

    /**
     * Follows the emails of the passwords, a poll of status events at once; a late, older status never overwrites a
     * newer one.
     */
    public void recordDeliveries(List<NotificationStatusChanged> events) {
        events.forEach(Batches::check);
        // a message outside any batch has no counter to move
        store.recordDeliveries(events.stream().filter(event -> event.batchId() != null).toList());
    }
}
