package org.guardianportal.guardian.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.guardianportal.guardian.DistrictRecords.record;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.guardianportal.contracts.Topics;
import org.guardianportal.deadletters.DeadLetterLog;
import org.guardianportal.guardian.Api;
import org.guardianportal.guardian.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import tools.jackson.databind.JsonNode;

/**
 * Operators see the district feed's dead letters and send them again: against the embedded broker, whose
 * {@code guardian.updates.v1.dlt} the service itself writes, and the real store.
 */
class DeadLetterApiTest extends IntegrationTest {

    private static final String PATH = "/api/dead-letters/" + Topics.GUARDIAN_UPDATES;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    DeadLetterLog log;

    KafkaProducer<String, byte[]> district;

    @BeforeEach
    void connectTheDistrict() {
        district = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void disconnect() {
        district.close();
    }

    @Test
    void aRefusedDistrictRecordIsListedWithItsReasonAndWhereItCameFrom() {
        String externalId = "E-" + UUID.randomUUID();
        String record = record(externalId, "Alan", "Turing", "alan.turing@@example.fr");

        send(Topics.GUARDIAN_UPDATES, externalId, record);

        JsonNode listed = awaitDeadLetterKeyed(externalId);
        assertThat(listed.get("topic").asString()).isEqualTo(Topics.GUARDIAN_UPDATES);
        assertThat(listed.get("payload").asString()).isEqualTo(record);
        assertThat(listed.get("reason").asString())
                .isEqualTo("invalid email 'alan.turing@@example.fr': the address has more than one @");
        assertThat(listed.get("originalPartition").asInt()).isZero();
        assertThat(listed.get("originalOffset").isIntegralNumber()).isTrue();
        assertThat(listed.get("deadLetteredAt").asString()).endsWith("Z");
        assertThat(listed.get("redrives")).isEmpty();
        assertThat(listed.get("redrivenFrom").isNull()).isTrue();
        Api.Response one = api().get(PATH + "/" + listed.get("id").asString());
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json()).isEqualTo(listed);
    }

    @Test
    void anOperatorReadingFrenchReadsTheReasonInFrenchAndAnIntegratorInEnglish() {
        String invalid = "E-" + UUID.randomUUID();
        String incomplete = "E-" + UUID.randomUUID();
        send(Topics.GUARDIAN_UPDATES, invalid, record(invalid, "Alan", "Turing", "alan.turing@@example.fr"));
        send(Topics.GUARDIAN_UPDATES, incomplete, "{\"source\":\"SIECLE\",\"externalId\":\"" + incomplete
                + "\",\"firstName\":\"Ada\"}");
        String invalidId = awaitDeadLetterKeyed(invalid).get("id").asString();
        String incompleteId = awaitDeadLetterKeyed(incomplete).get("id").asString();
        Api french = api().withHeader("Accept-Language", "fr-FR,fr;q=0.9,en;q=0.5");

        assertThat(french.get(PATH + "/" + invalidId).json().get("reason").asString())
                .isEqualTo("adresse e-mail « alan.turing@@example.fr » invalide : l’adresse contient plus d’un @");
        assertThat(french.get(PATH + "/" + incompleteId).json().get("reason").asString())
                .isEqualTo("champ obligatoire manquant : lastName");
        assertThat(deadLettersKeyed(invalid, french).get(0).get("reason").asString()).startsWith("adresse e-mail");
        Api german = api().withHeader("Accept-Language", "de");
        assertThat(german.get(PATH + "/" + incompleteId).json().get("reason").asString())
                .isEqualTo("missing required field: lastName");
        // a reason recorded without a key (a failure that outlasted the retries) reads as it was recorded
        String outage = "E-" + UUID.randomUUID();
        deadLetterAfterAnOutage(outage, record(outage, "Grace", "Hopper", "grace@example.fr"));
        assertThat(french.get(PATH + "/" + awaitDeadLetterKeyed(outage).get("id").asString()).json().get("reason")
                .asString()).isEqualTo("the record could not be applied: Timed out");
    }

    @Test
    void theListSaysHowLongDeadLettersAreKept() {
        Api.Response page = api().get(PATH);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().get("retentionDays").asLong()).as("dead-letters.retention's default").isEqualTo(90);
    }

    @Test
    void aRedriveSendsTheRecordAgainAndRecordsWhoDidIt() {
        String externalId = "E-" + UUID.randomUUID();
        deadLetterAfterAnOutage(externalId, record(externalId, "Ada", "Lovelace", "Ada@Example.org"));
        String id = awaitDeadLetterKeyed(externalId).get("id").asString();
        assertThat(guardian(externalId)).as("nothing applied before the re-drive").isNull();

        Api.Response redriven = api().withHeader("X-Authenticated-User", "operateur.lyon")
                .post(PATH + "/" + id + "/redrive", null);

        assertThat(redriven.status()).isEqualTo(202);
        assertThat(redriven.json().get("redrives")).hasSize(1);
        assertThat(redriven.json().get("redrives").get(0).get("by").asString()).isEqualTo("operateur.lyon");
        assertThat(redriven.json().get("redrives").get(0).get("at").asString()).endsWith("Z");
        Document applied = Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> guardian(externalId),
                found -> found != null);
        assertThat(applied.getString("email")).isEqualTo("ada@example.org");
        assertThat(api().get(PATH + "/" + id).json().get("redrives")).hasSize(1);
    }

    @Test
    void everyDeadLetterOfAPeriodNeverRedrivenIsSentAgainAtOnce() {
        Instant before = Instant.now();
        List<String> externalIds = List.of("E-" + UUID.randomUUID(), "E-" + UUID.randomUUID(), "E-" + UUID.randomUUID());
        externalIds.forEach(externalId -> deadLetterAfterAnOutage(externalId,
                record(externalId, "Sophie", "Germain", externalId.toLowerCase() + "@example.org")));
        externalIds.forEach(this::awaitDeadLetterKeyed);
        Instant after = Instant.now().plusSeconds(1);
        String period = "{\"from\":\"" + before + "\",\"to\":\"" + after + "\"}";
        assertThat(keys(PATH + "?redriven=false&size=500")).containsAll(externalIds);

        Api.Response all = api().withHeader("X-Authenticated-User", "operateur.lyon").post(PATH + "/redrives", period);

        assertThat(all.status()).isEqualTo(202);
        assertThat(all.json().get("redriven").asLong()).isEqualTo(3);
        externalIds.forEach(externalId -> Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> guardian(externalId), found -> found != null));
        assertThat(externalIds).allSatisfy(externalId -> assertThat(deadLettersKeyed(externalId).get(0)
                .get("redrives").get(0).get("by").asString()).isEqualTo("operateur.lyon"));
        assertThat(api().post(PATH + "/redrives", period).json().get("redriven").asLong())
                .as("each once").isZero();
        assertThat(keys(PATH + "?redriven=true&size=500")).containsAll(externalIds);
        assertThat(keys(PATH + "?redriven=false&size=500")).doesNotContainAnyElementsOf(externalIds);
        Api.Response backwards = api().post(PATH + "/redrives",
                "{\"from\":\"" + after + "\",\"to\":\"" + before + "\"}");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.json().get("errors").get(0).get("field").asString()).isEqualTo("to");
    }

    @Test
    void aRedrivenRecordRefusedAgainComesBackNamingTheDeadLetterItCameFrom() {
        String externalId = "E-" + UUID.randomUUID();
        String record = record(externalId, "Kurt", "Godel", "kurt@godel@example.fr");
        send(Topics.GUARDIAN_UPDATES, externalId, record);
        String first = awaitDeadLetterKeyed(externalId).get("id").asString();

        assertThat(api().post(PATH + "/" + first + "/redrive", null).status()).isEqualTo(202);

        List<JsonNode> both = Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> deadLettersKeyed(externalId), found -> found.size() == 2);
        JsonNode again = both.get(0);
        assertThat(again.get("id").asString()).as("newest first").isNotEqualTo(first);
        assertThat(again.get("redrivenFrom").asString()).isEqualTo(first);
        assertThat(again.get("payload").asString()).isEqualTo(record);
        assertThat(again.get("reason").asString()).startsWith("invalid email");
        assertThat(both.get(1).get("redrives").get(0).get("by").asString()).isEqualTo(Api.USER);
        assertThat(guardian(externalId)).isNull();
    }

    @Test
    void aDeadLetterReadTwiceIsKeptOnce() {
        String key = "twice-" + UUID.randomUUID();
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(Topics.GUARDIAN_UPDATES_DLT, 0, 1_000_000L + 7,
                key, "{}".getBytes(StandardCharsets.UTF_8));

        log.keep(record);
        log.keep(record);

        assertThat(mongo.getCollection("deadLetters").countDocuments(new Document("key", key))).isEqualTo(1);
    }

    @Test
    void anUnknownDeadLetterTopicAndBadParametersAreExplained() {
        Api.Response unknown = api().post(PATH + "/0-999999999/redrive", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.isProblem()).isTrue();
        assertThat(unknown.json().get("detail").asString())
                .isEqualTo("No dead letter of guardian.updates.v1 has the id '0-999999999'.");
        assertThat(api().get(PATH + "/0-999999999").status()).isEqualTo(404);
        Api.Response otherService = api().get("/api/dead-letters/" + Topics.CREDENTIAL_ISSUED);
        assertThat(otherService.status()).isEqualTo(404);
        assertThat(otherService.json().get("detail").asString())
                .isEqualTo("This service keeps no dead letters of 'credential.issued.v1'.");
        Api french = api().withHeader("Accept-Language", "fr");
        assertThat(french.post(PATH + "/0-999999999/redrive", null).json().get("detail").asString())
                .isEqualTo("Aucun enregistrement refusé de guardian.updates.v1 n’a l’identifiant « 0-999999999 ».");
        Api.Response frenchBadSize = french.get(PATH + "?size=501");
        assertThat(frenchBadSize.json().get("detail").asString())
                .isEqualTo("size incorrect : size doit être compris entre 1 et 500.");

        Api.Response badPage = api().get(PATH + "?size=501");
        assertThat(badPage.status()).isEqualTo(400);
        assertThat(badPage.json().get("errors").get(0).get("field").asString()).isEqualTo("size");
        Api.Response badFilter = api().get(PATH + "?redriven=maybe");
        assertThat(badFilter.status()).isEqualTo(400);
        assertThat(badFilter.isProblem()).isTrue();
        Api.Response badPeriod = api().post(PATH + "/redrives", "{\"from\":\"yesterday\"}");
        assertThat(badPeriod.status()).isEqualTo(400);
        assertThat(badPeriod.isProblem()).isTrue();
    }

    /** A valid record, refused while the store was down and the retries ran out. */
    private void deadLetterAfterAnOutage(String key, String value) {
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(Topics.GUARDIAN_UPDATES_DLT, key,
                value.getBytes(StandardCharsets.UTF_8));
        dead.headers().add(new RecordHeader(Topics.DLT_REASON_HEADER,
                "the record could not be applied: Timed out".getBytes(StandardCharsets.UTF_8)));
        district.send(dead);
    }

    private void send(String topic, String key, String value) {
        district.send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8)));
    }

    private JsonNode awaitDeadLetterKeyed(String key) {
        return Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> deadLettersKeyed(key), found -> !found.isEmpty()).get(0);
    }

    private List<String> keys(String path) {
        return StreamSupport.stream(api().get(path).json().get("items").spliterator(), false)
                .map(item -> item.get("key").asString(null)).toList();
    }

    private List<JsonNode> deadLettersKeyed(String key) {
        return deadLettersKeyed(key, api());
    }

    private List<JsonNode> deadLettersKeyed(String key, Api client) {
        JsonNode page = client.get(PATH + "?size=500").json();
        return StreamSupport.stream(page.get("items").spliterator(), false)
                .filter(item -> key.equals(item.get("key").asString(null))).toList();
    }

    private Document guardian(String externalId) {
        return mongo.getCollection("guardians")
                .find(new Document("externalRef.source", "SIECLE").append("externalRef.id", externalId)).first();
    }
}
