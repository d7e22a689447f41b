package org.guardianportal.deadletters;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A record one of this service's listeners refused to {@code <topic>.dlt}, as the dead-letter log keeps it: the
 * record's key and exact bytes (what a re-drive sends again), the reason, where it came from, and every re-drive of it.
 *
 * @param id           {@code <topic>/<partition>-<offset>} of the dead-letter record: reading it twice keeps it once
 * @param topic        the topic the record was refused from, and is sent again to
 * @param reason       why it was refused, in English
 * @param reasonKey    the reason as the refusing service can word it in another language ({@link ReasonWording}),
 *                     if it has one
 * @param redrivenFrom the dead letter whose re-drive this record is, if it is one
 */
@Document(DeadLetter.COLLECTION)
record DeadLetter(
        @Id String id,
        String topic,
        String key,
        byte[] payload,
        String reason,
        String reasonKey,
        Integer originalPartition,
        Long originalOffset,
        Instant deadLetteredAt,
        String redrivenFrom,
        List<Redrive> redrives) {

    static final String COLLECTION = "deadLetters";

    static String id(String topic, String position) {
        return topic + "/" + position;
    }

    /** The id the API names it by, within its topic: {@code <partition>-<offset>}. */
    String position() {
        return id.substring(topic.length() + 1);
    }

    /** Who sent the record again, and when. */
    record Redrive(String by, Instant at) {
    }
}
