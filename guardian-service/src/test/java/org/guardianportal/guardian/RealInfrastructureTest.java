package org.guardianportal.guardian;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.guardianportal.contracts.Topics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

import tools.jackson.databind.JsonNode;

/**
 * The same store and topic behaviour on real MongoDB and real Kafka: indexes (sparse unique external reference),
 * token search, bulk import with the outbox emptied by {@code $pull}, district records and their dead letters.
 * Skipped where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "guardian.topics.partitions=1")
class RealInfrastructureTest {

    @Container
    @ServiceConnection
    static MongoDBContainer mongoDb = new MongoDBContainer("mongo:8.0");

    @Container
    @ServiceConnection
    static KafkaContainer kafka = new KafkaContainer("apache/kafka-native:4.1.1");

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Test
    void guardiansAreRegisteredFoundImportedAndAnnouncedOnRealInfrastructure() {
        Api api = new Api(port);
        try (TopicWatcher events = new TopicWatcher(kafka.getBootstrapServers(), Topics.GUARDIAN_EMAIL_UPDATED)) {
            String ref = "{\"source\":\"SIECLE\",\"id\":\"E-" + UUID.randomUUID() + "\"}";
            Api.Response created = api.post("/api/guardians",
                    "{\"firstName\":\"Héloïse\",\"lastName\":\"Dupont\",\"externalRef\":" + ref + "}");
            String id = created.json().get("id").asString();
            assertThat(api.post("/api/guardians", "{\"firstName\":\"Sans\",\"lastName\":\"Reference\"}").status()).isEqualTo(201);
            assertThat(api.post("/api/guardians", "{\"firstName\":\"Sans\",\"lastName\":\"Reference\"}").status()).isEqualTo(201);
            assertThat(api.post("/api/guardians", "{\"firstName\":\"X\",\"lastName\":\"Y\",\"externalRef\":" + ref + "}").status())
                    .isEqualTo(409);

            JsonNode found = api.get("/api/guardians?q=dup%20heloise").json();
            assertThat(found.get("items").findValuesAsString("id")).containsExactly(id);

            JsonNode report = api.send("POST", "/api/guardians/email-imports", "text/csv",
                    "guardianId;email\r\n" + id + ";heloise@example.fr\r\n").json();
            assertThat(report.get("updated").asInt()).isEqualTo(1);

            events.untilSeen(records -> records.stream().filter(r -> id.equals(r.key())).count() >= 2);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> mongo.getCollection("guardians")
                    .countDocuments(new Document("_id", id).append("outbox.0", new Document("$exists", true))) == 0);
        }
    }

    @Test
    void districtRecordsAreAppliedOrDeadLetteredWithTheirReason() {
        String externalId = "E-" + UUID.randomUUID();
        try (TopicWatcher deadLetters = new TopicWatcher(kafka.getBootstrapServers(), Topics.GUARDIAN_UPDATES_DLT);
                KafkaProducer<String, byte[]> district = new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers()),
                        new StringSerializer(), new ByteArraySerializer())) {
            district.send(new ProducerRecord<>(Topics.GUARDIAN_UPDATES, externalId, ("{\"source\":\"SIECLE\",\"externalId\":\""
                    + externalId + "\",\"firstName\":\"Ada\",\"lastName\":\"Byron\",\"email\":\"ada@example.fr\"}")
                    .getBytes(StandardCharsets.UTF_8)));
            district.send(new ProducerRecord<>(Topics.GUARDIAN_UPDATES, "broken", "{oops".getBytes(StandardCharsets.UTF_8)));
            district.flush();

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> mongo.getCollection("guardians")
                    .countDocuments(new Document("externalRef.id", externalId)) == 1);
            ConsumerRecord<String, byte[]> dead = deadLetters.until(record -> "broken".equals(record.key())).stream()
                    .filter(record -> "broken".equals(record.key())).findFirst().orElseThrow();
            assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{oops");
            assertThat(new String(dead.headers().lastHeader(Topics.DLT_REASON_HEADER).value(), StandardCharsets.UTF_8))
                    .startsWith("the record is not valid JSON");
        }
    }
}
