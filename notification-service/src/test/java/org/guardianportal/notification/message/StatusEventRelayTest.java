package org.guardianportal.notification.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;

import org.guardianportal.contracts.MessageStatus;
import org.guardianportal.notification.MessageFixture;
import org.guardianportal.notification.NotificationServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import tools.jackson.databind.JsonNode;

class StatusEventRelayTest extends NotificationServiceTest {

    @Autowired
    private MessageStore store;
    @Autowired
    private StatusEvents statusEvents;

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
        StatusEvents events = new StatusEvents(kafka.getProducerFactory(), ObservationRegistry.NOOP, Tracer.NOOP,
                Propagator.NOOP, store, new Clock() {
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

    /** A delivery outcome whose event Kafka acknowledged is stored without a mark: no write is left to clear it. */
    @Test
    void anOutcomePublishedBeforeItIsStoredIsStoredWithoutAMark() {
        MessageDocument claimed = mongo.insert(MessageFixture.message(sealer).status(MessageStatus.SENDING)
                .leasedUntil(Instant.now().plusSeconds(60)).build());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        Set<String> published = statusEvents.publishBeforeStoring(
                List.of(StatusEvents.nextChange(claimed, MessageStatus.SENT, 1, null, now)), Duration.ofSeconds(5));
        store.recordDeliveries(now, List.of(MessageVersion.of(claimed)), List.of(), published);

        assertThat(published).containsExactly(claimed.id());
        // written with the driver's codecs, as Spring Data writes: the status by name, instants as dates
        Document raw = mongo.findById(claimed.id(), Document.class, MessageDocument.COLLECTION);
        assertThat(raw.get("status")).isEqualTo("SENT");
        assertThat(raw.get("sentAt")).isEqualTo(Date.from(now));
        assertThat(raw.get("statusChangedAt")).isEqualTo(Date.from(now));
        assertThat(raw).doesNotContainKeys("pendingEvent", "claimToken", "leaseUntil");
        MessageDocument stored = mongo.findById(claimed.id(), MessageDocument.class);
        assertThat(stored.status()).isEqualTo(MessageStatus.SENT);
        assertThat(stored.pendingEvent()).isNull();
        assertThat(statusEventsOf(claimed.id())).singleElement().satisfies(event -> {
            assertThat(event.path("status").asString()).isEqualTo("SENT");
            assertThat(event.path("eventId").asString())
                    .isEqualTo(StatusEvents.eventId(claimed.id(), stored.statusVersion()).toString());
        });
    }

    /**
     * With Kafka out of reach, the outcome is stored marked, and the relay publishes its event with the id it was
     * first given.
     */
    @Test
    void anOutcomeKafkaDidNotAcknowledgeIsStoredMarkedAndRelayed() throws IOException {
        MessageDocument claimed = mongo.insert(MessageFixture.message(sealer).status(MessageStatus.SENDING)
                .leasedUntil(Instant.now().plusSeconds(60)).build());
        Instant now = Instant.now();
        DefaultKafkaProducerFactory<String, Object> unreachable = new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + closedPort(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 300,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, JacksonJsonSerializer.class));
        Set<String> published;
        try {
            StatusEvents offline = new StatusEvents(unreachable, ObservationRegistry.NOOP, Tracer.NOOP,
                    Propagator.NOOP, store, Clock.systemUTC(),
                    new StatusEventSettings(Duration.ofSeconds(1), Duration.ofSeconds(30)));
            published = offline.publishBeforeStoring(
                    List.of(StatusEvents.nextChange(claimed, MessageStatus.SENT, 1, null, now)), Duration.ofSeconds(5));
        } finally {
            unreachable.destroy();
        }
        store.recordDeliveries(now, List.of(MessageVersion.of(claimed)), List.of(), published);

        assertThat(published).isEmpty();
        assertThat(pendingEventOf(claimed)).isEqualTo(claimed.id());
        // the service's own relay, relay-after 1 s here
        await().atMost(Duration.ofSeconds(10)).until(() -> pendingEventOf(claimed) == null);
        assertThat(statusEventsOf(claimed.id())).singleElement().satisfies(event -> {
            assertThat(event.path("status").asString()).isEqualTo("SENT");
            assertThat(event.path("eventId").asString())
                    .isEqualTo(StatusEvents.eventId(claimed.id(), claimed.statusVersion() + 1).toString());
        });
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
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
