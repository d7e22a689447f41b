package org.guardianportal.notification.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.guardianportal.contracts.MessageStatus;
import org.guardianportal.notification.MessageFixture;
import org.guardianportal.notification.NotificationServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;

class StatusEventRelayTest extends NotificationServiceTest {

    @Autowired
    private MessageStore store;

    @Test
    void aStatusChangeLeftUnpublishedIsPublishedByTheRelayWithAStableEventId() {
        MessageDocument message = mongo.insert(MessageFixture.message(sealer).status(MessageStatus.FAILED)
                .attempts(5).lastError("Connection refused").build());
        // as left by an instance that stopped between the write and the publication
        mongo.updateFirst(new Query(Criteria.where("_id").is(message.id())),
                new Update().set("pendingEvent", message.id()).set("statusVersion", 4)
                        .set("statusChangedAt", Instant.now().minusSeconds(60)),
                MessageDocument.class);

        await().atMost(Duration.ofSeconds(10)).until(() -> mongo.findById(message.id(), MessageDocument.class)
                .pendingEvent() == null);

        List<JsonNode> events = statusEventsOf(message.id());
        assertThat(events).isNotEmpty();
        JsonNode event = events.get(0);
        assertThat(event.path("status").asString()).isEqualTo("FAILED");
        assertThat(event.path("attempts").asInt()).isEqualTo(5);
        assertThat(event.path("lastError").asString()).isEqualTo("Connection refused");
        assertThat(event.path("eventId").asString()).isEqualTo(StatusEvents.eventId(message.id(), 4).toString());
        assertThat(events).hasSize(1);
    }

    @Test
    void anEventMarkedTheOldWayIsCarriedOverAtStartAndPublished() {
        MessageDocument message = mongo.insert(MessageFixture.message(sealer).status(MessageStatus.SENT).build());
        // as a log written before pendingEvent existed left an unpublished event
        mongo.updateFirst(new Query(Criteria.where("_id").is(message.id())),
                new Update().set("eventPending", true).set("statusVersion", 3)
                        .set("statusChangedAt", Instant.now().minusSeconds(60)),
                MessageDocument.class);

        store.afterPropertiesSet(); // what a restart on that log does

        await().atMost(Duration.ofSeconds(10)).until(() -> mongo.findById(message.id(), MessageDocument.class)
                .pendingEvent() == null);
        assertThat(statusEventsOf(message.id())).extracting(event -> event.path("eventId").asString())
                .containsExactly(StatusEvents.eventId(message.id(), 3).toString());
        assertThat(mongo.exists(new Query(Criteria.where("_id").is(message.id()).and("eventPending").exists(true)),
                MessageDocument.class)).isFalse();
    }
}
