package org.guardianportal.credential.batch;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A batch as requested; its progress is counted on its items. */
@Document("batches")
record BatchDocument(
        @Id String batchId,
        String requestedBy,
        Instant createdAt,
        int requested,
        int rejectedAtRequest) {
}
