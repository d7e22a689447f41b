package org.guardianportal.notification.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.guardianportal.notification.NotificationServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexInfo;

/** A log written by an earlier version loses, at start, the indexes this one no longer uses, and keeps the rest. */
class MessageIndexesTest extends NotificationServiceTest {

    @Autowired
    private MessageStore store;

    @Autowired
    private DeliveryQueue queue;

    @Test
    void indexesEarlierVersionsCreatedAreDroppedAtStart() {
        mongo.indexOps(MessageDocument.COLLECTION).createIndex(new Index().on("_id", Sort.Direction.ASC)
                .on("statusVersion", Sort.Direction.ASC).unique().named("id_statusVersion"));
        mongo.indexOps(DeliveryQueue.COLLECTION).createIndex(new Index().on("_id", Sort.Direction.ASC)
                .on("dueAt", Sort.Direction.ASC).unique().named("id_dueAt"));

        store.afterPropertiesSet();
        queue.afterPropertiesSet();

        assertThat(mongo.indexOps(MessageDocument.COLLECTION).getIndexInfo()).extracting(IndexInfo::getName)
                .doesNotContain("id_statusVersion").contains("eventId_unique", "pendingEvent_unique");
        assertThat(mongo.indexOps(DeliveryQueue.COLLECTION).getIndexInfo()).extracting(IndexInfo::getName)
                .doesNotContain("id_dueAt").contains("dueAt");
    }
}
