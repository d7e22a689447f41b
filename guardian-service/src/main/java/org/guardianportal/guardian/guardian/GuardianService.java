package org.guardianportal.guardian.guardian;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import org.guardianportal.contracts.GuardianUpdate;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Orchestrates every change to a guardian, from the API, the batch import and the district sync alike:
 * load, let {@link Guardian} decide, write the change with its event, publish after the write.
 */
@Service
public class GuardianService {

    /** Attempts when another writer changed the same guardian between our read and our write. */
    private static final int ATTEMPTS = 5;

    private final GuardianStore store;
    private final EmailEventPublisher publisher;
    private final Clock clock;

    GuardianService(GuardianStore store, EmailEventPublisher publisher, Clock clock) {
        this.store = store;
        this.publisher = publisher;
        this.clock = clock;
    }

    public Guardian register(String firstName, String lastName, String email, ExternalRef externalRef, Actor actor) {
        GuardianChange creation = Guardian.register(firstName, lastName, email, externalRef, actor, now());
        try {
            store.insert(creation);
        } catch (DuplicateKeyException taken) {
            if (externalRef == null) {
                throw taken;
            }
            Guardian existing = store.findByExternalRef(externalRef).orElseThrow(() -> taken);
            throw new GuardianConflictException(Reason.of("REFERENCE_TAKEN", existing.id(), externalRef.source(),
                    externalRef.id()));
        }
        publisher.publishAfterWrite(List.of(new PendingEvents(creation.after().id(), List.of(creation.event()))));
        return creation.after();
    }

    public Guardian get(String id) {
        return store.findById(id).orElseThrow(() -> new GuardianNotFoundException(id));
    }

    /** Guardians whose names or email start with every word of {@code query} (case and accents ignored). */
    public GuardianPage search(String query, Boolean hasEmail, int page, int size) {
        return store.search(SearchTokens.words(query), hasEmail, page, size);
    }

    public Guardian changeEmail(String id, String email, Actor actor) {
        return decide(() -> get(id), guardian -> guardian.changeEmail(email, actor, now()));
    }

    public Guardian removeEmail(String id, Actor actor) {
        return decide(() -> get(id), guardian -> guardian.removeEmail(actor, now()));
    }

    /**
     * Applies district records as if one after the other, a run of distinct references at a time: one read, one
     * bulk insert and one bulk update per run, not a round trip per record. A reference met again starts a new run,
     * which reads what the previous one wrote. A guardian another writer created or changed after the read is
     * decided again, on what that writer left, by {@link #applyDistrictRecord}.
     */
    public void applyDistrictRecords(List<GuardianUpdate> records) {
        int from = 0;
        while (from < records.size()) {
            Set<ExternalRef> refs = new HashSet<>();
            int to = from;
            while (to < records.size() && refs.add(referenceOf(records.get(to)))) {
                to++;
            }
            applyDistinctDistrictRecords(records.subList(from, to), refs);
            from = to;
        }
    }

    private void applyDistinctDistrictRecords(List<GuardianUpdate> records, Set<ExternalRef> refs) {
        GuardianBatch batch = store.findAll(List.of(), refs);
        Instant now = now();
        List<GuardianChange> creations = new ArrayList<>();
        List<GuardianChange> changes = new ArrayList<>();
        Map<String, GuardianUpdate> recordByGuardian = new LinkedHashMap<>();
        for (GuardianUpdate record : records) {
            ExternalRef ref = referenceOf(record);
            Actor district = Actor.district(ref.source());
            Optional<Guardian> existing = batch.byReference(ref);
            if (existing.isEmpty()) {
                GuardianChange creation = Guardian.register(record.firstName(), record.lastName(), record.email(), ref,
                        district, now);
                creations.add(creation);
                recordByGuardian.put(creation.after().id(), record);
                continue;
            }
            Optional<GuardianChange> change = existing.get()
                    .applyDistrictRecord(record.firstName(), record.lastName(), record.email(), district, now);
            if (change.isPresent()) {
                changes.add(change.get());
                recordByGuardian.put(existing.get().id(), record);
            }
        }
        List<PendingEvents> written = new ArrayList<>(store.insertAll(creations));
        written.addAll(store.updateAll(changes, batch.withUnpublishedEvents()));
        publisher.publishAfterWrite(written);
        written.forEach(pending -> recordByGuardian.remove(pending.guardianId()));
        // what is left was not written: another writer created or changed the guardian since the read
        recordByGuardian.values().forEach(this::applyDistrictRecord);
    }

    /**
     * Creates or updates the guardian a district record describes, rereading and deciding again until the write
     * holds; the same record again changes nothing. For the records a bulk write found taken or changed meanwhile.
     */
    void applyDistrictRecord(GuardianUpdate record) {
        ExternalRef ref = referenceOf(record);
        Actor district = Actor.district(ref.source());
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<Guardian> existing = store.findByExternalRef(ref);
            if (existing.isEmpty()) {
                try {
                    register(record.firstName(), record.lastName(), record.email(), ref, district);
                    return;
                } catch (GuardianConflictException createdMeanwhile) {
                    continue;
                }
            }
            Optional<GuardianChange> change = existing.get()
                    .applyDistrictRecord(record.firstName(), record.lastName(), record.email(), district, now());
            if (change.isEmpty() || write(change.get())) {
                return;
            }
        }
        throw new GuardianConflictException(Reason.of("KEPT_CHANGING", ref.source(), ref.id()));
    }

    private static ExternalRef referenceOf(GuardianUpdate record) {
        return new ExternalRef(record.source().strip(), record.externalId().strip());
    }

    /** For bulk work: the guardians named by id or by external reference, read in chunks (unknown ones are absent). */
    public GuardianBatch findAll(Collection<String> ids, Collection<ExternalRef> refs) {
        return store.findAll(ids, refs);
    }

    /**
     * Writes changes decided on guardians of {@code batch} in one bulk write, and publishes their events
     * asynchronously once written. A large import calls it a chunk at a time, so consumers start on its first
     * guardians while the next are written. Returns the ids of guardians whose change was applied; a guardian changed
     * by someone else since it was read is left untouched.
     */
    public List<String> applyAll(GuardianBatch batch, List<GuardianChange> changes) {
        List<PendingEvents> written = store.updateAll(changes, batch.withUnpublishedEvents());
        publisher.publishAfterWrite(written);
        return written.stream().map(PendingEvents::guardianId).toList();
    }

    /** Decides on the latest state and writes; rereads and decides again if someone else wrote in between. */
    private Guardian decide(Supplier<Guardian> load, Function<Guardian, Optional<GuardianChange>> decision) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Guardian current = load.get();
            Optional<GuardianChange> change = decision.apply(current);
            if (change.isEmpty()) {
                return current;
            }
            if (write(change.get())) {
                return change.get().after();
            }
        }
        throw new GuardianConflictException(Reason.of("CHANGED_MEANWHILE"));
    }

    private boolean write(GuardianChange change) {
        Optional<PendingEvents> pending = store.update(change);
        pending.ifPresent(events -> publisher.publishAfterWrite(List.of(events)));
        return pending.isPresent();
    }

    /** Millisecond precision, as MongoDB stores it: the event and the document tell the same time. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
