package org.guardianportal.credential.password;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.guardianportal.contracts.CredentialIssued;
import org.guardianportal.credential.StoreIndexes;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Credentials in MongoDB. Every change is an atomic single-document update; the changes of a group of commands go in
 * one bulk write.
 */
@Component
class CredentialStore {

    private final MongoTemplate mongo;

    CredentialStore(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(Credential.class).createIndex(new Index("pendingSince", Sort.Direction.ASC));
        // the outbox is emptied "if it still holds this event", by _id and event: the _id index finds it, on any store
        StoreIndexes.dropIfPresent(mongo.indexOps(Credential.class), "id_pendingEvent");
    }

    Optional<Credential> find(String guardianId) {
        return Optional.ofNullable(mongo.findById(guardianId, Credential.class));
    }

    List<Credential> findAll(Collection<String> guardianIds) {
        return mongo.find(query(where("_id").in(guardianIds)), Credential.class);
    }

    /** A new temporary password for a guardian, by the command that asked for it, with its event for the outbox. */
    record NewPassword(String guardianId, String passwordHash, Instant issuedAt, Instant expiresAt, String commandId,
            String batchId, PendingIssue pending) {
    }

    /**
     * Stores new temporary passwords in one bulk write, each replacing the guardian's previous one, with its event
     * waiting in the outbox.
     */
    void issue(List<NewPassword> passwords) {
        if (passwords.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Credential.class);
        for (NewPassword password : passwords) {
            bulk.upsert(query(where("_id").is(password.guardianId())), new Update()
                    .set("passwordHash", password.passwordHash())
                    .set("status", CredentialStatus.ISSUED)
                    .set("issuedAt", password.issuedAt())
                    .set("expiresAt", password.expiresAt())
                    .set("mustChangePassword", true)
                    .set("failedAttempts", 0)
                    .set("lockedUntil", null)
                    .set("lastCommandId", password.commandId())
                    .set("batchId", password.batchId())
                    .set("pendingIssue", password.pending())
                    .set("pendingSince", password.issuedAt())
                    .unset("passwordChangedAt"));
        }
        bulk.execute();
    }

    /**
     * Empties the outboxes of these acknowledged events in one bulk write, each only if it still holds that very
     * event (not a newer one issued meanwhile).
     */
    void clearPending(Collection<CredentialIssued> acknowledged) {
        if (acknowledged.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Credential.class);
        for (CredentialIssued event : acknowledged) {
            bulk.updateOne(query(where("_id").is(event.guardianId()).and("pendingIssue.eventId")
                            .is(event.eventId().toString())),
                    new Update().unset("pendingIssue").unset("pendingSince"));
        }
        bulk.execute();
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
