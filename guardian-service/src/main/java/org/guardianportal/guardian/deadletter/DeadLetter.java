package org.guardianportal.guardian.deadletter;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A district record refused to {@code guardian.updates.v1.dlt}, as the dead-letter log keeps it: the record's key and
 * exact bytes (what a re-drive sends again), the reason, where it came from, and every re-drive of it.
 *
 * @param id           {@code <partition>-<offset>} of the dead-letter record: reading it twice keeps it once
 * @param redrivenFrom the dead letter whose re-drive this record is, if it is one
 */
@Document(DeadLetter.COLLECTION)
record DeadLetter(
        @Id String id,
        String key,
        byte[] payload,
        String reason,
        Integer originalPartition,
        Long originalOffset,
        Instant deadLetteredAt,
        String redrivenFrom,
        List<Redrive> redrives) {

    static final String COLLECTION = "deadLetters";

    /** Who sent the record again, and when. */
    record Redrive(String by, Instant at) {
    }
}
