package org.guardianportal.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.guardianportal.contracts.CredentialIssued;
import org.guardianportal.contracts.MessageStatus;
import org.guardianportal.contracts.Topics;
import org.guardianportal.notification.message.MessageDocument;
import org.guardianportal.notification.message.MessageStore;
import org.guardianportal.notification.message.MessageVersion;
import org.guardianportal.secret.SecretSealer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The same store and topics on real MongoDB and Kafka images: the unique event index, the conditional claims
 * and the word search behave as they do on mongo-java-server. Skipped where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.mail.host=127.0.0.1",
        "notification.topics.partitions=2",
        "notification.delivery.window=1s",
        "notification.delivery.poll-interval=100ms"})
class RealInfrastructureTest {

    @Container
    @ServiceConnection
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8.0");

    @Container
    @ServiceConnection
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka-native:4.1.1");

    @Autowired
    private KafkaTemplate<String, Object> kafka;
    @Autowired
    private MongoTemplate mongo;
    @Autowired
    private MessageStore store;
    @Autowired
    private SecretSealer sealer;

    @DynamicPropertySource
    static void smtpAndKeys(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", TestSmtp::port);
        registry.add("notification.delivery-keys", () -> NotificationServiceTest.DELIVERY_KEYS);
    }

    @Test
    void anIssuedPasswordIsStoredOnceDeliveredAndFoundBySubject() {
        String guardianId = "g-" + UUID.randomUUID();
        String recipient = "real-" + UUID.randomUUID() + "@example.org";
        CredentialIssued issued = new CredentialIssued(UUID.randomUUID(), Instant.now(), guardianId, "b-real",
                "admin", recipient, "Zoé", "Noël", "fr", Instant.now().plus(Duration.ofDays(30)),
                sealer.seal("Real9Infra7Pw", guardianId));

        CompletableFuture.allOf(kafka.send(Topics.CREDENTIAL_ISSUED, guardianId, issued),
                kafka.send(Topics.CREDENTIAL_ISSUED, guardianId, issued)).join();

        await().atMost(Duration.ofSeconds(30)).until(() -> TestSmtp.mailsTo(recipient).size() == 1);
        List<MessageDocument> stored = mongo.find(new Query(Criteria.where("guardianId").is(guardianId)),
                MessageDocument.class);
        assertThat(stored).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> mongo.findById(stored.get(0).id(),
                MessageDocument.class).status() == MessageStatus.SENT);
        List<MessageDocument> found = mongo.find(new Query(Criteria.where("subjectWords").all("mot", "de", "passe")
                .and("recipient").is(recipient)), MessageDocument.class);
        assertThat(found).hasSize(1);
    }

    @Test
    void twoClaimsOnRealMongoShareMessagesWithoutOverlap() {
        List<MessageDocument> messages = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> MessageFixture.message(sealer).build()).toList();
        mongo.insertAll(messages);
        List<String> ids = messages.stream().map(MessageDocument::id).toList();
        List<MessageVersion> found = messages.stream().map(MessageVersion::of).toList();
        Instant later = Instant.parse("2200-01-01T00:00:00Z");

        CompletableFuture<List<MessageDocument>> first = CompletableFuture.supplyAsync(
                () -> store.claim(found, later, Duration.ofMinutes(5)).messages());
        CompletableFuture<List<MessageDocument>> second = CompletableFuture.supplyAsync(
                () -> store.claim(found, later, Duration.ofMinutes(5)).messages());

        Set<String> claimed = new HashSet<>();
        first.join().forEach(message -> assertThat(claimed.add(message.id())).isTrue());
        second.join().forEach(message -> assertThat(claimed.add(message.id())).isTrue());
        assertThat(claimed).containsExactlyInAnyOrderElementsOf(ids);
    }
}
