package org.guardianportal.notification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import de.bwaldvogel.mongo.MongoServer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.guardianportal.contracts.CredentialIssued;
import org.guardianportal.contracts.SealedSecret;
import org.guardianportal.secret.DeliveryKeys;
import org.guardianportal.secret.SecretSealer;
import org.guardianportal.testsupport.CuttableStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one Spring context of the module's tests, shared by every test class: the real service on a random port,
 * an embedded KRaft broker, mongo-java-server through the real driver and a GreenMail SMTP server.
 * Windows and back-offs are short so a delivery cycle takes a second or two.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "spring.mail.host=127.0.0.1",
        "spring.mail.properties.mail.smtp.connectiontimeout=1000",
        "notification.topics.partitions=2",
        "notification.max-request-size=4KB",
        "notification.portal-url=https://portail.example.org/",
        "notification.delivery.window=2s",
        "notification.delivery.poll-interval=100ms",
        "notification.delivery.claim-size=50",
        "notification.delivery.max-attempts=3",
        "notification.delivery.retry.initial-backoff=200ms",
        "notification.delivery.retry.max-backoff=1s",
        "notification.status-events.acknowledge-interval=200ms",
        "notification.status-events.relay-after=1s"})
@EmbeddedKafka(partitions = 2)
@AutoConfigureTracing
public abstract class NotificationServiceTest {

    static {
        // surefire points java.io.tmpdir into target/; the embedded broker creates its folders there
        new java.io.File(System.getProperty("java.io.tmpdir")).mkdirs();
    }

    /** The store of every test; a test that cuts it restores it before it ends. */
    protected static final CuttableStore STORE = new CuttableStore();
    private static final MongoServer MONGO = startMongo();
    protected static final String DELIVERY_KEYS = DeliveryKeys.generate("test-key");

    @LocalServerPort
    protected int port;
    @Autowired
    protected MongoTemplate mongo;
    @Autowired
    protected KafkaTemplate<String, Object> kafka;
    @Autowired
    protected SecretSealer sealer;
    @Autowired
    protected EmbeddedKafkaBroker broker;
    @Autowired
    protected JsonMapper json;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri",
                () -> "mongodb://127.0.0.1:" + MONGO.getLocalAddress().getPort() + "/notifications");
        registry.add("spring.mail.port", TestSmtp::port);
        registry.add("notification.delivery-keys", () -> DELIVERY_KEYS);
    }

    private static MongoServer startMongo() {
        MongoServer server = new MongoServer(STORE);
        server.bind("127.0.0.1", 0);
        return server;
    }

    // ---- events

    /** An issued credential as credential-service publishes it, the password sealed for this guardian. */
    protected CredentialIssued issued(String guardianId, String batchId, String email, String locale,
            String password) {
        SealedSecret secret = sealer.seal(password, guardianId);
        return new CredentialIssued(UUID.randomUUID(), Instant.now(), guardianId, batchId, "admin", email,
                "Amélie", "Lefèvre", locale, Instant.parse("2030-07-15T08:30:00Z"), secret);
    }

    protected void publish(CredentialIssued issued) {
        kafka.send(org.guardianportal.contracts.Topics.CREDENTIAL_ISSUED, issued.guardianId(), issued).join();
    }

    /** Every record of a topic so far, values as JSON text. */
    protected List<ConsumerRecord<String, String>> recordsOf(String topic) {
        try (Consumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(10))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 10_000;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /**
     * The status-changed events of one message, in publication order, each once: a relayed copy carries the same
     * eventId and is dropped, as every consumer of the topic does.
     */
    protected List<JsonNode> statusEventsOf(String messageId) {
        Map<String, JsonNode> byEventId = new LinkedHashMap<>();
        recordsOf(org.guardianportal.contracts.Topics.NOTIFICATION_STATUS_CHANGED).stream()
                .map(record -> json.readTree(record.value()))
                .filter(event -> messageId.equals(event.path("messageId").asString()))
                .forEach(event -> byEventId.putIfAbsent(event.path("eventId").asString(), event));
        return List.copyOf(byEventId.values());
    }

    // ---- HTTP

    protected record Reply(int status, String contentType, JsonNode body, String text) {
    }

    protected Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    protected Reply post(String path, String jsonBody) {
        return post(path, jsonBody, Map.of());
    }

    protected Reply post(String path, String jsonBody, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        return send(request);
    }

    protected Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode body = response.body().isEmpty() || !contentType.contains("json") ? null
                    : json.readTree(response.body());
            return new Reply(response.statusCode(), contentType, body, response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
