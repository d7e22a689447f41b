package org.guardianportal.credential.eligibility;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.guardianportal.contracts.GuardianEmailUpdated;
import org.guardianportal.credential.CredentialSettings;
import org.guardianportal.credential.messaging.InvalidEventException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
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

    private final MongoTemplate mongo;
    private final CredentialSettings settings;

    EligibilityProjection(MongoTemplate mongo, CredentialSettings settings) {
        this.mongo = mongo;
        this.settings = settings;
        mongo.indexOps(EligibilityDocument.class).createIndex(new Index("email", Sort.Direction.ASC));
    }

    /**
     * Applies an announcement unless a later one was applied already: replays change nothing and an older event
     * never overwrites a newer one. Returns whether the projection now reflects this event.
     */
    public boolean apply(GuardianEmailUpdated event) {
        InvalidEventException.require(event.guardianId(), "guardianId", "guardian.email-updated.v1");
        InvalidEventException.require(event.occurredAt(), "occurredAt", "guardian.email-updated.v1");
        Query notNewer = query(where("_id").is(event.guardianId()).and("lastOccurredAt").lte(event.occurredAt()));
        Update update = new Update()
                .set("firstName", event.firstName())
                .set("lastName", event.lastName())
                .set("email", Eligibility.normaliseEmail(event.email()))
                .set("lastOccurredAt", event.occurredAt())
                .setOnInsert("locale", settings.defaultLocale());
        try {
            mongo.upsert(notNewer, update, EligibilityDocument.class);
            return true;
        } catch (DuplicateKeyException newerAlreadyApplied) {
            // the guardian exists with a later lastOccurredAt: the filter missed and the upsert collided on _id
            return false;
        }
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
