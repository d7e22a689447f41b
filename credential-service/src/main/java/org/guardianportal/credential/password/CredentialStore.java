package org.guardianportal.credential.password;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** Credentials in MongoDB. Every change is one atomic single-document update. */
@Component
class CredentialStore {

    private final MongoTemplate mongo;

    CredentialStore(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(Credential.class).createIndex(new Index("pendingSince", Sort.Direction.ASC));
        // the outbox is emptied "if it still holds this event": redundant on MongoDB (the _id is unique), but the
        // index mongo-java-server needs to find that filter without scanning every credential
        mongo.indexOps(Credential.class).createIndex(new Index("_id", Sort.Direction.ASC)
                .on("pendingIssue.eventId", Sort.Direction.ASC).unique().named("id_pendingEvent"));
    }

    Optional<Credential> find(String guardianId) {
        return Optional.ofNullable(mongo.findById(guardianId, Credential.class));
    }

    List<Credential> findAll(Collection<String> guardianIds) {
        return mongo.find(query(where("_id").in(guardianIds)), Credential.class);
    }

    /** Stores a new temporary password, replacing any previous one, with its event waiting in the outbox. */
    void issue(String guardianId, String passwordHash, Instant issuedAt, Instant expiresAt, String commandId,
            String batchId, PendingIssue pending) {
        Update update = new Update()
                .set("passwordHash", passwordHash)
                .set("status", CredentialStatus.ISSUED)
                .set("issuedAt", issuedAt)
                .set("expiresAt", expiresAt)
                .set("mustChangePassword", true)
                .set("failedAttempts", 0)
                .set("lockedUntil", null)
                .set("lastCommandId", commandId)
                .set("batchId", batchId)
                .set("pendingIssue", pending)
                .set("pendingSince", issuedAt)
                .unset("passwordChangedAt");
        mongo.upsert(query(where("_id").is(guardianId)), update, Credential.class);
    }

    /** Empties the outbox once Kafka acknowledged this very event (not a newer one issued meanwhile). */
    void clearPending(String guardianId, String eventId) {
        mongo.updateFirst(query(where("_id").is(guardianId).and("pendingIssue.eventId").is(eventId)),
                new Update().unset("pendingIssue").unset("pendingSince"), Credential.class);
    }

    /** Credentials whose issued event waits for Kafka since before {@code cutoff}, oldest first. */
    List<Credential> pendingSince(Instant cutoff, int limit) {
        return mongo.find(query(where("pendingSince").lt(cutoff)).with(Sort.by("pendingSince")).limit(limit),
                Credential.class);
    }

    /**
     * Counts a failed login atomically; the one that reaches {@code maxFailures} locks the credential until
     * {@code lockUntil} and starts the count again. Returns when the credential is locked until, if it now is.
     */
    Optional<Instant> recordFailure(String guardianId, int maxFailures, Instant lockUntil) {
        Credential counted = mongo.findAndModify(query(where("_id").is(guardianId)),
                new Update().inc("failedAttempts", 1), FindAndModifyOptions.options().returnNew(true),
                Credential.class);
        if (counted == null || counted.failedAttempts() < maxFailures) {
            return Optional.empty();
        }
        Credential locked = mongo.findAndModify(
                query(where("_id").is(guardianId).and("failedAttempts").gte(maxFailures)),
                new Update().set("lockedUntil", lockUntil).set("failedAttempts", 0),
                FindAndModifyOptions.options().returnNew(true), Credential.class);
        // a concurrent failure may have locked it first: then that lock stands
        return Optional.ofNullable(locked != null ? locked : mongo.findById(guardianId, Credential.class))
                .map(Credential::lockedUntil);
    }

    /** A successful login ends a run of failures. */
    void clearFailures(String guardianId) {
        mongo.updateFirst(query(where("_id").is(guardianId).and("failedAttempts").gt(0)),
                Update.update("failedAttempts", 0), Credential.class);
    }

    /**
     * Replaces the password with one the guardian chose, provided it is still the password they proved to know.
     * Returns false if it was replaced meanwhile (a new temporary password was issued).
     */
    boolean replacePassword(String guardianId, String expectedHash, String newHash, Instant now) {
        Update update = new Update()
                .set("passwordHash", newHash)
                .set("status", CredentialStatus.ACTIVE)
                .set("mustChangePassword", false)
                .set("expiresAt", null)
                .set("failedAttempts", 0)
                .set("lockedUntil", null)
                .set("passwordChangedAt", now);
        return mongo.updateFirst(query(where("_id").is(guardianId).and("passwordHash").is(expectedHash)), update,
                Credential.class).getMatchedCount() > 0;
    }
}
