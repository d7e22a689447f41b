package org.guardianportal.guardian.districtsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guardianportal.guardian.DistrictRecords.record;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
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
import org.guardianportal.guardian.Api;
import org.guardianportal.guardian.IntegrationTest;
import org.guardianportal.guardian.TopicWatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import tools.jackson.databind.JsonNode;

class DistrictSyncTest extends IntegrationTest {

    @Autowired
    MongoTemplate mongo;

    KafkaProducer<String, byte[]> district;
    TopicWatcher events;
    TopicWatcher deadLetters;

    @BeforeEach
    void connectTheDistrict() {
        district = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringSerializer(), new ByteArraySerializer());
        events = watch(Topics.GUARDIAN_EMAIL_UPDATED);
        deadLetters = watch(Topics.GUARDIAN_UPDATES_DLT);
    }

    @AfterEach
    void disconnect() {
        district.close();
        events.close();
        deadLetters.close();
    }

    @Test
    void aNewDistrictRecordCreatesTheGuardianAndAnnouncesIt() {
        String externalId = "E-" + UUID.randomUUID();

        publish("district-key", record(externalId, "Sophie", "Germain", "Sophie.Germain@Example.fr"));

        Document guardian = awaitGuardian(externalId);
        assertThat(guardian.getString("email")).isEqualTo("sophie.germain@example.fr");
        JsonNode event = eventsFor(guardian.getString("_id"), 1).get(0);
        assertThat(event.get("origin").asString()).isEqualTo("DISTRICT_SYNC");
        assertThat(event.get("actor").asString()).isEqualTo("SIECLE");
        assertThat(event.get("lastName").asString()).isEqualTo("Germain");
    }

    @Test
    void theSameRecordTwiceChangesNothingTheSecondTime() {
        String externalId = "E-" + UUID.randomUUID();
        String record = record(externalId, "Emmy", "Noether", "emmy@example.fr");

        publish(externalId, record);
        publish(externalId, record);
        String marker = publishMarker();

        String id = awaitGuardian(externalId).getString("_id");
        assertThat(keysAnnouncedUpTo(marker)).containsExactly(id, marker);
        assertThat(mongo.getCollection("guardians").countDocuments(new Document("externalRef.id", externalId))).isEqualTo(1);
    }

    @Test
    void aChangedEmailOrNameIsAppliedAndAnnounced() {
        String externalId = "E-" + UUID.randomUUID();
        publish(externalId, record(externalId, "Henri", "Poincare", "henri@example.fr"));
        String id = awaitGuardian(externalId).getString("_id");

        publish(externalId, record(externalId, "Henri", "Poincare", "henri.poincare@example.fr"));
        publish(externalId, record(externalId, "Henri", "Poincaré", "henri.poincare@example.fr"));

        List<JsonNode> announced = eventsFor(id, 3);
        assertThat(announced.get(1).get("email").asString()).isEqualTo("henri.poincare@example.fr");
        assertThat(announced.get(1).get("previousEmail").asString()).isEqualTo("henri@example.fr");
        assertThat(announced.get(2).get("lastName").asString()).isEqualTo("Poincaré");
        assertThat(announced.get(2).get("email").asString()).isEqualTo("henri.poincare@example.fr");
        assertThat(api().get("/api/guardians/" + id).json().get("lastName").asString()).isEqualTo("Poincaré");
    }

    @Test
    void aRecordThatIsNotJsonIsDeadLetteredAsSentWithItsReason() {
        byte[] garbage = "{\"source\": \"SIECLE\", \"externalId\": ".getBytes(StandardCharsets.UTF_8);

        district.send(new ProducerRecord<>(Topics.GUARDIAN_UPDATES, "broken-key", garbage));

        ConsumerRecord<String, byte[]> dead = deadLetterKeyed("broken-key");
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(reason(dead)).startsWith("the record is not valid JSON");
    }

    @Test
    void aRecordWithAnInvalidEmailIsDeadLetteredAndCreatesNothing() {
        String externalId = "E-" + UUID.randomUUID();
        String record = record(externalId, "Alan", "Turing", "alan.turing@@example.fr");

        publish(externalId, record);

        ConsumerRecord<String, byte[]> dead = deadLetterKeyed(externalId);
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo(record);
        assertThat(reason(dead)).isEqualTo("invalid email 'alan.turing@@example.fr': the address has more than one @");
        assertNoGuardianAndNoEvent(externalId);
    }

    @Test
    void aRecordMissingARequiredFieldIsDeadLetteredNamingTheField() {
        String externalId = "E-" + UUID.randomUUID();

        publish(externalId, "{\"source\":\"SIECLE\",\"externalId\":\"" + externalId + "\",\"firstName\":\"Grace\"}");

        assertThat(reason(deadLetterKeyed(externalId))).isEqualTo("missing required field: lastName");
        assertNoGuardianAndNoEvent(externalId);
    }

    @Test
    void aPollOfNewChangedUnchangedAndRepeatedRecordsIsAppliedAsIfOneRecordFollowedTheOther() {
        String changed = "E-" + UUID.randomUUID();
        String unchanged = "E-" + UUID.randomUUID();
        String createdThenChanged = "E-" + UUID.randomUUID();
        String created = "E-" + UUID.randomUUID();
        publish(changed, record(changed, "Marie", "Sklodowska", "marie@example.fr"));
        publish(unchanged, record(unchanged, "Pierre", "Curie", "pierre@example.fr"));
        String changedId = awaitGuardian(changed).getString("_id");
        Document unchangedBefore = awaitGuardian(unchanged);

        publishTogether(
                record(created, "Irene", "Joliot-Curie", "irene@example.fr"),
                record(changed, "Marie", "Sklodowska", "marie.curie@example.fr"),
                record(unchanged, "Pierre", "Curie", "pierre@example.fr"),
                record(createdThenChanged, "Eve", "Curie", "eve@example.fr"),
                record(createdThenChanged, "Eve", "Curie", "eve.curie@example.fr"),
                record(changed, "Marie", "Curie", "marie.curie@example.fr"));
        String marker = publishMarker();
        keysAnnouncedUpTo(marker);

        List<JsonNode> changes = eventsFor(changedId, 3).subList(1, 3);
        assertThat(changes).extracting(event -> event.get("previousEmail").asString())
                .containsExactly("marie@example.fr", "marie.curie@example.fr");
        assertThat(changes).extracting(event -> event.get("lastName").asString()).containsExactly("Sklodowska", "Curie");
        Document secondApplied = awaitGuardian(createdThenChanged);
        assertThat(secondApplied.getString("email")).isEqualTo("eve.curie@example.fr");
        assertThat(eventsFor(secondApplied.getString("_id"), 2)).extracting(event -> event.get("email").asString())
                .containsExactly("eve@example.fr", "eve.curie@example.fr");
        assertThat(mongo.getCollection("guardians").countDocuments(new Document("externalRef.id", createdThenChanged)))
                .isEqualTo(1);
        assertThat(eventsFor(awaitGuardian(created).getString("_id"), 1)).hasSize(1);
        assertThat(distinct(unchangedBefore.getString("_id"))).as("only its creation announced").hasSize(1);
        assertThat(awaitGuardian(unchanged).get("version")).isEqualTo(unchangedBefore.get("version"));
    }

    @Test
    void aRefusedRecordInAPollIsDeadLetteredWhileTheRecordsAroundItAreAppliedOnce() {
        List<String> applied = List.of("E-" + UUID.randomUUID(), "E-" + UUID.randomUUID(), "E-" + UUID.randomUUID(),
                "E-" + UUID.randomUUID());
        String refused = "E-" + UUID.randomUUID();
        String refusedRecord = record(refused, "Kurt", "Godel", "kurt@godel@example.fr");

        publishTogether(
                record(applied.get(0), "David", "Hilbert", "david@example.de"),
                record(applied.get(1), "Emmy", "Noether", null),
                refusedRecord,
                record(applied.get(2), "John", "von Neumann", "john@example.org"),
                record(applied.get(3), "Alonzo", "Church", "alonzo@example.org"));

        ConsumerRecord<String, byte[]> dead = deadLetterKeyed(refused);
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo(refusedRecord);
        assertThat(reason(dead)).isEqualTo("invalid email 'kurt@godel@example.fr': the address has more than one @");
        List<String> ids = applied.stream().map(externalId -> awaitGuardian(externalId).getString("_id")).toList();
        assertThat(keysAnnouncedUpTo(ids.get(3))).as("in the order sent").containsSubsequence(ids);
        assertThat(ids).allSatisfy(id -> assertThat(distinct(id)).as("announced once").hasSize(1));
        assertThat(mongo.getCollection("guardians").countDocuments(new Document("externalRef.id", refused))).isZero();
    }

    private void assertNoGuardianAndNoEvent(String externalId) {
        // the record after the refused one is applied, and is the very next event
        String marker = publishMarker();
        assertThat(keysAnnouncedUpTo(marker)).containsExactly(marker);
        assertThat(mongo.getCollection("guardians").countDocuments(new Document("externalRef.id", externalId))).isZero();
    }

    private String publishMarker() {
        String externalId = "M-" + UUID.randomUUID();
        publish(externalId, record(externalId, "Marqueur", "District", null));
        return awaitGuardian(externalId).getString("_id");
    }

    private List<String> keysAnnouncedUpTo(String guardianId) {
        List<ConsumerRecord<String, byte[]>> seen = events.until(record -> guardianId.equals(record.key()));
        return seen.stream().map(ConsumerRecord::key).distinct().toList();
    }

    private List<JsonNode> eventsFor(String guardianId, int count) {
        events.untilSeen(records -> distinct(guardianId).size() >= count);
        return distinct(guardianId);
    }

    private List<JsonNode> distinct(String guardianId) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        return events.keyed(guardianId).stream().map(record -> Api.json(new String(record.value(), StandardCharsets.UTF_8)))
                .filter(event -> ids.add(event.get("eventId").asString())).toList();
    }

    private ConsumerRecord<String, byte[]> deadLetterKeyed(String key) {
        deadLetters.until(record -> key.equals(record.key()));
        return deadLetters.keyed(key).get(0);
    }

    private Document awaitGuardian(String externalId) {
        Document filter = new Document("externalRef.source", "SIECLE").append("externalRef.id", externalId);
        return Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> mongo.getCollection("guardians").find(filter).first(), found -> found != null);
    }

    /**
     * Keyed by their externalId and held until flush(), so that they reach the broker in one record batch and the
     * listener in one poll.
     */
    private void publishTogether(String... values) {
        try (KafkaProducer<String, byte[]> together = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.LINGER_MS_CONFIG, 60_000), new StringSerializer(), new ByteArraySerializer())) {
            for (String value : values) {
                String key = Api.json(value).get("externalId").asString();
                together.send(new ProducerRecord<>(Topics.GUARDIAN_UPDATES, key, value.getBytes(StandardCharsets.UTF_8)));
            }
            together.flush();
        }
    }

    private void publish(String key, String value) {
        district.send(new ProducerRecord<>(Topics.GUARDIAN_UPDATES, key, value.getBytes(StandardCharsets.UTF_8)));
        district.flush();
    }

    private static String reason(ConsumerRecord<String, byte[]> record) {
        return new String(record.headers().lastHeader(Topics.DLT_REASON_HEADER).value(), StandardCharsets.UTF_8);
    }
}
