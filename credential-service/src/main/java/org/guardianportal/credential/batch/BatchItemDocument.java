package org.guardianportal.credential.batch;

import java.time.Instant;
import java.util.UUID;

import org.guardianportal.contracts.CredentialCommand;
import org.guardianportal.contracts.MessageStatus;
import org.guardianportal.contracts.RejectionReason;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One guardian of a batch. {@code published} is the outbox flag of its command: false until Kafka acknowledged
 * it. {@code delivery} follows the notification of the password, {@code deliveryAt} keeps the latest event applied.
 */
@Document(BatchItemDocument.COLLECTION)
record BatchItemDocument(
        @Id String id,
        String batchId,
        String guardianId,
        String commandId,
        BatchItemState state,
        RejectionReason reason,
        MessageStatus delivery,
        Instant deliveryAt,
        Boolean published,
        String requestedBy,
        Instant createdAt) {

    static final String COLLECTION = "batch_items";

    /** One item per guardian and batch: the id says which. */
    static String idOf(String batchId, String guardianId) {
        return batchId + ":" + guardianId;
    }

    /** The least id above those of every item of this batch ({@code ;} follows {@code :}). */
    static String idsAfter(String batchId) {
        return batchId + ";";
    }

    static BatchItemDocument queued(String batchId, String guardianId, String requestedBy, Instant createdAt) {
        return new BatchItemDocument(idOf(batchId, guardianId), batchId, guardianId, UUID.randomUUID().toString(),
                BatchItemState.QUEUED, null, null, null, false, requestedBy, createdAt);
    }

    static BatchItemDocument rejected(String batchId, String guardianId, RejectionReason reason, String requestedBy,
            Instant createdAt) {
        return new BatchItemDocument(idOf(batchId, guardianId), batchId, guardianId, null,
                BatchItemState.REJECTED, reason, null, null, null, requestedBy, createdAt);
    }

    CredentialCommand toCommand() {
        return new CredentialCommand(UUID.fromString(commandId), CredentialCommand.CommandType.GENERATE_PASSWORD,
                guardianId, batchId, requestedBy, createdAt);
    }
}
