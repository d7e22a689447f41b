package org.guardianportal.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.guardianportal.contracts.CredentialIssued;
import org.guardianportal.contracts.EmailOrigin;
import org.guardianportal.contracts.GuardianEmailUpdated;
import org.guardianportal.contracts.Topics;
import org.guardianportal.secret.DeliveryKeys;
import org.guardianportal.secret.SecretSealer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One running service for every integration test: the real HTTP port, mongo-java-server through the real driver,
 * and an embedded KRaft broker. Same configuration everywhere, so Spring starts it once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "credential.topics.partitions=2",
        "credential.password.bcrypt-strength=4",
        "credential.outbox.relay-after=2s",
        "credential.outbox.relay-interval=250ms"})
@EmbeddedKafka(partitions = 2)
public abstract class CredentialServiceTest {

    protected static final String DELIVERY_KEYS = DeliveryKeys.generate("test-key");
    /** Opens sealed secrets as notification-service would: from the shared key alone. */
    protected static final SecretSealer NOTIFICATION_SIDE = new SecretSealer(DeliveryKeys.parse(DELIVERY_KEYS));
    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final MongoServer MONGO = new MongoServer(new MemoryBackend());
    private static final InetSocketAddress MONGO_ADDRESS = MONGO.bind();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static volatile TopicRecords observed;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri",
                () -> "mongodb://127.0.0.1:" + MONGO_ADDRESS.getPort() + "/credentials");
        registry.add("delivery.keys", () -> DELIVERY_KEYS);
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected MongoTemplate mongo;
    @Autowired
    protected KafkaTemplate<Object, Object> kafka;
    @Autowired
    protected EmbeddedKafkaBroker broker;

    @BeforeEach
    void observeTopics() {
        if (observed == null) {
            synchronized (CredentialServiceTest.class) {
                if (observed == null) {
                    observed = new TopicRecords(broker.getBrokersAsString());
                }
            }
        }
    }

    // ---------------------------------------------------------------- HTTP

    protected record Response(int status, String contentType, String body, Map<String, List<String>> headers) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public boolean isProblem() {
            return contentType != null && contentType.startsWith("application/problem+json");
        }
    }

    protected Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    protected Response post(String path, String json) {
        return post(path, json, "anonymous");
    }

    protected Response post(String path, String json, String user) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .header("X-Authenticated-User", user)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    protected Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body(), response.headers().map());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    protected static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    // ---------------------------------------------------------------- guardians and passwords

    protected static String newGuardianId() {
        return "g-" + UUID.randomUUID();
    }

    protected static String newEmail() {
        return "parent-" + UUID.randomUUID() + "@example.org";
    }

    /** guardian-service announces a guardian (email null: created without one), and the projection applies it. */
    protected void announce(String guardianId, String email) {
        Instant occurredAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        announce(new GuardianEmailUpdated(UUID.randomUUID(), occurredAt, guardianId, "Camille", "Durand", email,
                null, EmailOrigin.ADMIN, "admin"));
        String expected = email == null ? null : email.toLowerCase();
        await().atMost(PATIENCE).until(() -> {
            Document doc = mongo.getCollection("eligibility").find(new Document("_id", guardianId)).first();
            return doc != null && occurredAt.equals(doc.getDate("lastOccurredAt").toInstant())
                    && Objects.equals(expected, doc.getString("email"));
        });
    }

    protected void announce(GuardianEmailUpdated event) {
        kafka.send(Topics.GUARDIAN_EMAIL_UPDATED, event.guardianId(), event).join();
    }

    /** Asks for a batch over HTTP and returns its id. */
    protected String requestBatch(String... guardianIds) {
        Response response = post("/api/credentials/batches", json(Map.of("guardianIds", List.of(guardianIds))), "admin");
        assertThat(response.status()).isEqualTo(202);
        return response.json().path("batchId").asString();
    }

    /** An issued event as notification-service receives it, and the password it carries. */
    protected record Issued(ConsumerRecord<String, byte[]> record, CredentialIssued event, String password) {
    }

    /** Waits for the guardian's issued event of this batch and opens its secret. */
    protected Issued awaitIssued(String guardianId, String batchId) {
        ConsumerRecord<String, byte[]> record = await().atMost(PATIENCE).until(
                () -> records(Topics.CREDENTIAL_ISSUED, guardianId).stream()
                        .filter(r -> batchId.equals(JSON.readTree(r.value()).path("batchId").asString()))
                        .findFirst().orElse(null),
                found -> found != null);
        CredentialIssued event = JSON.readValue(record.value(), CredentialIssued.class);
        return new Issued(record, event, NOTIFICATION_SIDE.open(event.secret(), guardianId));
    }

    /** Announces a guardian with this email, asks a batch for them, and returns the password they were sent. */
    protected Issued issuePassword(String guardianId, String email) {
        announce(guardianId, email);
        return awaitIssued(guardianId, requestBatch(guardianId));
    }

    // ---------------------------------------------------------------- Kafka observation

    /** Every record this test run saw on the topic for this key, in order of arrival. */
    protected List<ConsumerRecord<String, byte[]>> records(String topic, String key) {
        return observed.all().stream()
                .filter(r -> r.topic().equals(topic) && key.equals(r.key()))
                .toList();
    }

    protected static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Waits until the service's consumer group has committed past everything now on the topic. */
    protected void awaitConsumed(String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic)).allTopicNames().get()
                    .get(topic).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            await().atMost(PATIENCE).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin
                        .listConsumerGroupOffsets("credential-service").partitionsToOffsetAndMetadata().get();
                return ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                        || committed.get(end.getKey()) != null
                        && committed.get(end.getKey()).offset() >= end.getValue());
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A consumer of its own that records everything the service produces or dead-letters. */
    private static final class TopicRecords {

        private final List<ConsumerRecord<String, byte[]>> records = new CopyOnWriteArrayList<>();

        TopicRecords(String brokers) {
            KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                    ConsumerConfig.GROUP_ID_CONFIG, "test-observer",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                    new StringDeserializer(), new ByteArrayDeserializer());
            consumer.subscribe(Arrays.asList(Topics.CREDENTIAL_COMMANDS, Topics.CREDENTIAL_ISSUED,
                    Topics.CREDENTIAL_REJECTED, Topics.CREDENTIAL_COMMANDS + Topics.DLT_SUFFIX,
                    Topics.GUARDIAN_EMAIL_UPDATED + Topics.DLT_SUFFIX,
                    Topics.NOTIFICATION_STATUS_CHANGED + Topics.DLT_SUFFIX));
            Thread poller = new Thread(() -> {
                while (true) {
                    consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                }
            }, "test-topic-observer");
            poller.setDaemon(true);
            poller.start();
        }

        List<ConsumerRecord<String, byte[]>> all() {
            return records;
        }
    }
}
