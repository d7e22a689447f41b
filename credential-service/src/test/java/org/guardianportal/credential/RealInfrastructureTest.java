package org.guardianportal.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.guardianportal.contracts.CredentialIssued;
import org.guardianportal.contracts.EmailOrigin;
import org.guardianportal.contracts.GuardianEmailUpdated;
import org.guardianportal.contracts.Topics;
import org.guardianportal.credential.eligibility.EligibilityProjection;
import org.guardianportal.secret.DeliveryKeys;
import org.guardianportal.secret.SecretSealer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

import tools.jackson.databind.json.JsonMapper;

/** The same service on real MongoDB (a replica set) and a real Kafka broker, where Docker is available. */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "credential.password.bcrypt-strength=4",
        "credential.topics.partitions=2"})
class RealInfrastructureTest {

    private static final String DELIVERY_KEYS = DeliveryKeys.generate("real");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Container
    @ServiceConnection
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8.0");

    @Container
    @ServiceConnection
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka-native:4.1.1");

    @DynamicPropertySource
    static void deliveryKey(DynamicPropertyRegistry registry) {
        registry.add("delivery.keys", () -> DELIVERY_KEYS);
    }

    @LocalServerPort
    int port;
    @Autowired
    KafkaTemplate<Object, Object> kafka;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    EligibilityProjection projection;

    @Test
    void aPasswordIsIssuedSealedAndAcceptedByThePortal() throws Exception {
        String guardianId = "g-" + UUID.randomUUID();
        String email = "parent-" + UUID.randomUUID() + "@example.org";
        kafka.send(Topics.GUARDIAN_EMAIL_UPDATED, guardianId, new GuardianEmailUpdated(UUID.randomUUID(),
                Instant.now(), guardianId, "Camille", "Durand", email, null, EmailOrigin.ADMIN, "admin")).join();
        await().atMost(Duration.ofSeconds(60)).until(() -> projection.find(guardianId).isPresent());

        HttpResponse<String> batch = post("/api/credentials/batches", Map.of("guardianIds", List.of(guardianId)));
        assertThat(batch.statusCode()).isEqualTo(202);

        ConsumerRecord<String, byte[]> record = awaitIssued(guardianId);
        CredentialIssued event = JSON.readValue(record.value(), CredentialIssued.class);
        String password = new SecretSealer(DeliveryKeys.parse(DELIVERY_KEYS)).open(event.secret(), guardianId);
        assertThat(new String(record.value())).doesNotContain(password);

        HttpResponse<String> verified = post("/api/credentials/verify", Map.of("login", email, "password", password));
        assertThat(verified.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(verified.body()).path("guardianId").asString()).isEqualTo(guardianId);
        List<String> stored = new ArrayList<>();
        for (String collection : mongo.getCollectionNames()) {
            mongo.getCollection(collection).find().forEach(document -> stored.add(document.toJson()));
        }
        assertThat(stored).isNotEmpty().noneMatch(json -> json.contains(password));
    }

    @Test
    void anOlderAnnouncementNeverOverwritesANewerOne() {
        String guardianId = "g-" + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        assertThat(projection.applyAll(List.of(announcement(guardianId, "new@example.org", now)))).isEqualTo(1);
        assertThat(projection.applyAll(List.of(announcement(guardianId, "old@example.org", now.minusSeconds(5))))).isZero();
        assertThat(projection.applyAll(List.of(announcement(guardianId, "new@example.org", now)))).as("a replay").isEqualTo(1);

        assertThat(projection.find(guardianId).orElseThrow().email()).isEqualTo("new@example.org");
    }

    private static GuardianEmailUpdated announcement(String guardianId, String email, Instant occurredAt) {
        return new GuardianEmailUpdated(UUID.randomUUID(), occurredAt, guardianId, "Camille", "Durand", email, null,
                EmailOrigin.DISTRICT_SYNC, "district");
    }

    private HttpResponse<String> post(String path, Object body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private ConsumerRecord<String, byte[]> awaitIssued(String guardianId) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "real-infrastructure-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.CREDENTIAL_ISSUED));
            List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(r -> guardianId.equals(r.key()));
            });
            return seen.stream().filter(r -> guardianId.equals(r.key())).findFirst().orElseThrow();
        }
    }
}
