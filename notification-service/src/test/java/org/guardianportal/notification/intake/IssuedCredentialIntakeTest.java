package org.guardianportal.notification.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.guardianportal.contracts.CredentialIssued;
import org.guardianportal.contracts.MessageStatus;
import org.guardianportal.contracts.Topics;
import org.guardianportal.notification.NotificationServiceTest;
import org.guardianportal.notification.message.MessageBody;
import org.guardianportal.notification.message.MessageDocument;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

class IssuedCredentialIntakeTest extends NotificationServiceTest {

    private static final Duration WINDOW = Duration.ofSeconds(2);

    @Test
    void anIssuedCredentialBecomesAPendingMessageDueAtTheNextWindow() {
        String guardianId = "g-" + UUID.randomUUID();
        CredentialIssued issued = issued(guardianId, "batch-intake", "Amelie.Lefevre@Example.ORG", "fr-FR",
                "Kx7pQ2mZr9Tw");

        publish(issued);

        MessageDocument message = awaitMessageOf(guardianId);
        assertThat(message.eventId()).isEqualTo(issued.eventId().toString());
        assertThat(message.batchId()).isEqualTo("batch-intake");
        assertThat(message.requestedBy()).isEqualTo("admin");
        assertThat(message.recipient()).isEqualTo("amelie.lefevre@example.org");
        assertThat(message.subject()).isEqualTo("Votre mot de passe Portail Famille");
        assertThat(message.body()).contains("Bonjour Amélie Lefèvre", "amelie.lefevre@example.org",
                MessageBody.PASSWORD_PLACEHOLDER, "https://portail.example.org/", "15 juillet 2030 à 10:30",
                "première connexion");
        assertThat(message.body()).doesNotContain("Kx7pQ2mZr9Tw");
        assertThat(message.secret()).isEqualTo(issued.secret());
        assertThat(message.status()).isEqualTo(MessageStatus.PENDING);
        assertThat(message.attempts()).isZero();
        assertThat(message.subjectWords()).containsExactly("votre", "mot", "de", "passe", "portail", "famille");
        assertThat(message.words()).contains("mot", "passe", "amelie", "lefevre", "example", "org");
        JsonNode found = get("/api/messages?recipient=amelie.lefevre@example.org&q=Amélie&subject=passe").body();
        assertThat(found.path("items").get(0).path("id").asString()).isEqualTo(message.id());
        assertThat(get("/api/messages/stats?batchId=batch-intake").body().path("total").asLong()).isEqualTo(1);
        // due at the first window boundary after its creation (windows are multiples of 2 s in these tests)
        assertThat(message.scheduledFor().toEpochMilli() % WINDOW.toMillis()).isZero();
        assertThat(message.scheduledFor()).isAfterOrEqualTo(message.createdAt())
                .isBefore(message.createdAt().plus(WINDOW));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(statusEventsOf(message.id()))
                .extracting(event -> event.path("status").asString())
                .startsWith("PENDING"));
        JsonNode pending = statusEventsOf(message.id()).get(0);
        assertThat(pending.path("guardianId").asString()).isEqualTo(guardianId);
        assertThat(pending.path("batchId").asString()).isEqualTo("batch-intake");
        assertThat(pending.path("attempts").asInt()).isZero();
        assertThat(pending.path("eventId").asString()).isNotBlank();
        ConsumerRecord<String, String> record = recordsOf(Topics.NOTIFICATION_STATUS_CHANGED).stream()
                .filter(candidate -> candidate.value().contains(message.id())).findFirst().orElseThrow();
        assertThat(record.key()).isEqualTo(guardianId);
        assertThat(record.headers().lastHeader("__TypeId__")).isNull();
        assertThat(record.headers().lastHeader("traceparent")).isNotNull();
    }

    @Test
    void theSameEventTwiceMakesOneMessage() {
        String guardianId = "g-" + UUID.randomUUID();
        CredentialIssued issued = issued(guardianId, "batch-twice", "twice@example.org", null, "Twice9Secret");

        publish(issued);
        publish(issued);
        String marker = "g-" + UUID.randomUUID();
        // sent with the same key, so on the same partition: consumed after both copies
        kafka.send(Topics.CREDENTIAL_ISSUED, guardianId, issued(marker, "batch-twice", "after@example.org", null,
                "After9Secret")).join();

        awaitMessageOf(marker);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> messagesOf(guardianId).size() == 1);
        JsonNode found = get("/api/messages?guardianId=" + guardianId).body();
        assertThat(found.path("total").asLong()).isEqualTo(1);
        assertThat(found.path("items")).hasSize(1);
    }

    @Test
    void englishLocaleGetsTheEnglishTemplate() {
        String guardianId = "g-" + UUID.randomUUID();
        publish(issued(guardianId, "batch-en", "parent@example.org", "en-GB", "English9Pass"));

        MessageDocument message = awaitMessageOf(guardianId);
        assertThat(message.subject()).isEqualTo("Your Family Portal password");
        assertThat(message.body()).contains("Hello Amélie Lefèvre", "Login: parent@example.org",
                "15 July 2030 at 10:30", "change it the first time you log in");
    }

    @Test
    void anInvalidEventIsDeadLetteredWithItsReasonAndStoresNothing() {
        String guardianId = "g-" + UUID.randomUUID();
        CredentialIssued withoutEmail = new CredentialIssued(UUID.randomUUID(), Instant.now(), guardianId, "b",
                "admin", null, "A", "B", "fr", Instant.now(), sealer.seal("Nope9Nope9", guardianId));

        publish(withoutEmail);

        ConsumerRecord<String, String> dead = awaitDeadLetter(guardianId);
        assertThat(reason(dead)).isEqualTo("Invalid credential.issued.v1 event: email is missing");
        assertThat(json.readTree(dead.value()).path("guardianId").asString()).isEqualTo(guardianId);
        assertThat(messagesOf(guardianId)).isEmpty();
    }

    @Test
    void anUnreadableRecordIsDeadLetteredAsItCameAndTheNextOnesStillArrive() {
        String key = "g-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(java.util.Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(Topics.CREDENTIAL_ISSUED, key, "{not json")).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        String next = "g-" + UUID.randomUUID();
        publish(issued(next, "batch-after-bad", "next@example.org", null, "Next9Secret1"));

        ConsumerRecord<String, String> dead = awaitDeadLetter(key);
        assertThat(dead.value()).isEqualTo("{not json");
        assertThat(reason(dead)).startsWith("Not a readable credential.issued.v1 JSON record");
        awaitMessageOf(next);
    }

    @Test
    void thePasswordIsNeverStoredNorPublishedInPlaintext() {
        String guardianId = "g-" + UUID.randomUUID();
        String password = "Plain9Never7Seen";
        publish(issued(guardianId, "batch-secret", "secret@example.org", null, password));
        MessageDocument message = awaitMessageOf(guardianId);
        await().atMost(Duration.ofSeconds(10)).until(() -> !statusEventsOf(message.id()).isEmpty());

        List<Document> stored = mongo.getCollection(MessageDocument.COLLECTION).find().into(new java.util.ArrayList<>());
        assertThat(stored).isNotEmpty().allSatisfy(document -> assertThat(document.toJson()).doesNotContain(password));
        assertThat(recordsOf(Topics.NOTIFICATION_STATUS_CHANGED))
                .allSatisfy(record -> assertThat(record.value()).doesNotContain(password));
        assertThat(recordsOf(Topics.CREDENTIAL_ISSUED + Topics.DLT_SUFFIX))
                .allSatisfy(record -> assertThat(record.value()).doesNotContain(password));
    }

    private MessageDocument awaitMessageOf(String guardianId) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> messagesOf(guardianId), list -> !list.isEmpty())
                .get(0);
    }

    private List<MessageDocument> messagesOf(String guardianId) {
        return mongo.find(new Query(Criteria.where("guardianId").is(guardianId)), MessageDocument.class);
    }

    private ConsumerRecord<String, String> awaitDeadLetter(String key) {
        return await().atMost(Duration.ofSeconds(15))
                .until(() -> recordsOf(Topics.CREDENTIAL_ISSUED + Topics.DLT_SUFFIX).stream()
                        .filter(record -> key.equals(record.key())).findFirst(), java.util.Optional::isPresent)
                .get();
    }

    private static String reason(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader(Topics.DLT_REASON_HEADER);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
