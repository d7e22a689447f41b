package org.guardianportal.credential.eligibility;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import com.mongodb.bulk.BulkWriteResult;

import org.bson.Document;

import org.guardianportal.contracts.GuardianEmailUpdated;
import org.guardianportal.credential.CredentialSettings;
import org.guardianportal.credential.StoreIndexes;
import org.guardianportal.credential.messaging.InvalidEventException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * This service's view of the guardians, fed by {@code guardian.email-updated.v1}: who exists and who has an
 * email address. guardian-service announces every new guardian on that topic, with or without an address.
 */
@Service
public class EligibilityProjection {

    private static final String LAST_OCCURRED_AT = "lastOccurredAt";
    private static final int DUPLICATE_KEY = 11000;
    /** Rounds of read-decide-write when other writers keep changing the same guardians. */
    private static final int ATTEMPTS = 5;

    private final MongoTemplate mongo;
    private final CredentialSettings settings;

    EligibilityProjection(MongoTemplate mongo, CredentialSettings settings) {
        this.mongo = mongo;
        this.settings = settings;
        mongo.indexOps(EligibilityDocument.class).createIndex(new Index("email", Sort.Direction.ASC));
        // every write is "if still as we read it", {_id, lastOccurredAt}: the _id index finds it, on any store
        StoreIndexes.dropIfPresent(mongo.indexOps(EligibilityDocument.class), "id_lastOccurredAt");
    }

    /** Fails with an {@link InvalidEventException} if the event lacks what the projection needs. */
    public static void check(GuardianEmailUpdated event) {
        InvalidEventException.require(event.guardianId(), "guardianId", "guardian.email-updated.v1");
        InvalidEventException.require(event.occurredAt(), "occurredAt", "guardian.email-updated.v1");
    }

    /**
     * Applies announcements, each unless a later one for the same guardian was applied already: replays change
     * nothing and an older event never overwrites a newer one. The guardians are read in one {@code $in}, and each
     * write is conditional on the document being still as read (or still absent), so a concurrent writer is never
     * overwritten: when one got there first, the guardians are read again and decided again. Returns how many of
     * the events the projection now reflects.
     */
    public int applyAll(List<GuardianEmailUpdated> events) {
        events.forEach(EligibilityProjection::check);
        Map<String, GuardianEmailUpdated> newest = new LinkedHashMap<>();
        for (GuardianEmailUpdated event : events) {
            // the same instant twice: the later record wins, as it would one record at a time
            newest.merge(event.guardianId(), event,
                    (kept, next) -> next.occurredAt().isBefore(kept.occurredAt()) ? kept : next);
        }
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            OptionalInt applied = tryApply(newest.values());
            if (applied.isPresent()) {
                return applied.getAsInt();
            }
        }
        throw new OptimisticLockingFailureException("Guardians of this batch kept changing under other writers; "
                + "the batch will be retried");
    }

    /** The number applied, or empty when another writer changed one of these guardians between read and write. */
    private OptionalInt tryApply(Collection<GuardianEmailUpdated> events) {
        Map<String, Date> stored = lastOccurredAt(events.stream().map(GuardianEmailUpdated::guardianId).toList());
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, EligibilityDocument.COLLECTION);
        int inserts = 0;
        int updates = 0;
        for (GuardianEmailUpdated event : events) {
            Date current = stored.get(event.guardianId());
            if (current == null) {
                bulk.insert(new Document("_id", event.guardianId())
                        .append("firstName", event.firstName())
                        .append("lastName", event.lastName())
                        .append("email", Eligibility.normaliseEmail(event.email()))
                        .append("locale", settings.defaultLocale())
                        .append(LAST_OCCURRED_AT, Date.from(event.occurredAt())));
                inserts++;
            } else if (!current.toInstant().isAfter(event.occurredAt())) {
                bulk.updateOne(query(where("_id").is(event.guardianId()).and(LAST_OCCURRED_AT).is(current)),
                        new Update()
                                .set("firstName", event.firstName())
                                .set("lastName", event.lastName())
                                .set("email", Eligibility.normaliseEmail(event.email()))
                                .set(LAST_OCCURRED_AT, Date.from(event.occurredAt())));
                updates++;
            }
        }
        if (inserts + updates == 0) {
            return OptionalInt.of(0);
        }
        try {
            BulkWriteResult result = bulk.execute();
            return result.getMatchedCount() == updates ? OptionalInt.of(inserts + updates) : OptionalInt.empty();
        } catch (BulkOperationException failed) {
            if (failed.getErrors().stream().allMatch(error -> error.getCode() == DUPLICATE_KEY)) {
                return OptionalInt.empty(); // another writer inserted one of these guardians first
            }
            throw failed;
        }
    }

    private Map<String, Date> lastOccurredAt(List<String> guardianIds) {
        Map<String, Date> found = new HashMap<>(guardianIds.size() * 2);
        int chunk = settings.batch().chunkSize();
        for (int from = 0; from < guardianIds.size(); from += chunk) {
            Query slice = query(where("_id").in(guardianIds.subList(from, Math.min(guardianIds.size(), from + chunk))));
            slice.fields().include(LAST_OCCURRED_AT);
            for (Document document : mongo.find(slice, Document.class, EligibilityDocument.COLLECTION)) {
                found.put(document.getString("_id"), document.getDate(LAST_OCCURRED_AT));
            }
        }
        return found;
    }

    public Optional<Eligibility> find(String guardianId) {
        return Optional.ofNullable(mongo.findById(guardianId, EligibilityDocument.class))
                .map(EligibilityDocument::toEligibility);
    }

    /** The known guardians among {@code guardianIds}, read in chunks of {@code $in}. */
    public Map<String, Eligibility> findAll(Collection<String> guardianIds) {
        List<String> ids = List.copyOf(guardianIds);
        int chunk = settings.batch().chunkSize();
        Map<String, Eligibility> found = new HashMap<>(ids.size() * 2);
        for (int from = 0; from < ids.size(); from += chunk) {
            List<String> slice = ids.subList(from, Math.min(ids.size(), from + chunk));
            for (EligibilityDocument document : mongo.find(query(where("_id").in(slice)), EligibilityDocument.class)) {
                found.put(document.guardianId(), document.toEligibility());
            }
        }
        return found;
    }

    /** The guardians who use this address (several guardians of a family may share one). */
    public List<Eligibility> findByEmail(String email) {
        String normalised = Eligibility.normaliseEmail(email);
        if (normalised == null) {
            return List.of();
        }
        return mongo.find(query(where("email").is(normalised)), EligibilityDocument.class).stream()
                .map(EligibilityDocument::toEligibility)
                .toList();
    }
}
