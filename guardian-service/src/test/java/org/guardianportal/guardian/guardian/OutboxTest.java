package org.guardianportal.guardian.guardian;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.guardianportal.contracts.Topics;
import org.guardianportal.guardian.IntegrationTest;
import org.guardianportal.guardian.TopicWatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/**
 * No accepted change is lost when Kafka is away. The broker outage is real: a second instance of the service
 * shares the store but its producer points at a port where no broker listens, so every send fails the way it
 * does in production (metadata cannot be fetched). The application's own relay, connected to the running broker,
 * must then publish what that instance left in the outboxes.
 */
class OutboxTest extends IntegrationTest {

    @Autowired
    GuardianStore store;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    GuardianService guardians;

    DefaultKafkaProducerFactory<String, Object> unreachableBroker;
    EmailEventPublisher offlinePublisher;
    GuardianService offline;
    TopicWatcher events;

    @BeforeEach
    void anInstanceCutOffFromKafka() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        unreachableBroker = new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + closedPort,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 500),
                new StringSerializer(), new JacksonJsonSerializer<>());
        offlinePublisher = new EmailEventPublisher(new KafkaTemplate<>(unreachableBroker), store);
        offline = new GuardianService(store, offlinePublisher, Clock.systemUTC());
        events = watch(Topics.GUARDIAN_EMAIL_UPDATED);
    }

    @AfterEach
    void reconnect() {
        events.close();
        offlinePublisher.destroy();
        unreachableBroker.destroy();
    }

    @Test
    void changesMadeWhileTheBrokerIsUnreachableArePublishedByTheRelayInTheirOrder() {
        String id = offline.register("Rosalind", "Franklin", null, null, Actor.admin("secretariat")).id();
        offline.changeEmail(id, "rosalind@example.fr", Actor.admin("secretariat"));
        offline.changeEmail(id, "rosalind.franklin@example.fr", Actor.admin("secretariat"));

        List<String> waiting = outbox(id);
        assertThat(waiting).as("every change waits in the outbox").hasSize(3);

        List<ConsumerRecord<String, byte[]>> seen = events.untilSeen(records -> records.stream()
                .filter(record -> id.equals(record.key())).count() >= 3);
        List<String> published = GuardianApiTest.distinctEvents(seen.stream().filter(r -> id.equals(r.key())).toList())
                .stream().map(record -> GuardianApiTest.json(record).get("eventId").asString()).toList();
        assertThat(published).as("relayed once broker reachable, oldest first").containsExactlyElementsOf(waiting);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> outbox(id).isEmpty());
    }

    @Test
    void anEventTheBrokerAcknowledgedLeavesTheOutbox() {
        String id = guardians.register("Lise", "Meitner", "lise@example.fr", null, Actor.admin("secretariat")).id();

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> outbox(id).isEmpty());
        assertThat(events.until(record -> id.equals(record.key()))).isNotEmpty();
    }

    private List<String> outbox(String guardianId) {
        Document guardian = mongo.getCollection("guardians").find(new Document("_id", guardianId)).first();
        return guardian.getList("outbox", Document.class).stream().map(entry -> entry.getString("eventId")).toList();
    }
}
