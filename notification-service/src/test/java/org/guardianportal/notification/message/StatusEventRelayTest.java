package org.guardianportal.notification.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

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

    /**
     * The mark of a change to PENDING due now stays a third of relay-after once the event is acknowledged, for the
     * claim to replace; then it is cleared. The mark of a change due later is cleared at once.
     */
    @Test
    void theMarkOfAChangeDueNowIsKeptForTheClaimThenCleared() {
        Instant start = Instant.now();
        AtomicReference<Instant> now = new AtomicReference<>(start);
        StatusEvents events = new StatusEvents(kafka, store, new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        }, new StatusEventSettings(Duration.ofSeconds(1), Duration.ofSeconds(30)));
        MessageDocument dueNow = marked(MessageFixture.message(sealer).scheduledFor(start).build());
        MessageDocument dueLater = marked(MessageFixture.message(sealer).scheduledFor(start.plusSeconds(3_600)).build());

        events.publish(List.of(dueNow, dueLater));

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            events.clearAcknowledged();
            return pendingEventOf(dueLater) == null;
        });
        assertThat(statusEventsOf(dueNow.id())).extracting(event -> event.path("status").asString())
                .containsExactly("PENDING");
        assertThat(pendingEventOf(dueNow)).isNotNull();

        now.set(start.plusSeconds(10).plusMillis(1));
        events.clearAcknowledged();
        assertThat(pendingEventOf(dueNow)).isNull();
    }

    /**
     * Stored PENDING with its event's mark, as intake stores a message; changed an hour ahead, so that the service's
     * own relay (relay-after 1 s here) leaves it to the test.
     */
    private MessageDocument marked(MessageDocument message) {
        mongo.insert(message);
        mongo.updateFirst(new Query(Criteria.where("_id").is(message.id())),
                new Update().set("pendingEvent", message.id()).set("statusVersion", 1)
                        .set("statusChangedAt", Instant.now().plusSeconds(3_600)),
                MessageDocument.class);
        return mongo.findById(message.id(), MessageDocument.class);
    }

    private String pendingEventOf(MessageDocument message) {
        return mongo.findById(message.id(), MessageDocument.class).pendingEvent();
    }
}
