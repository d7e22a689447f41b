package org.guardianportal.guardian.emailimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.guardianportal.contracts.Topics;
import org.guardianportal.guardian.Api;
import org.guardianportal.guardian.IntegrationTest;
import org.guardianportal.guardian.TopicWatcher;
import org.guardianportal.guardian.guardian.Actor;
import org.guardianportal.guardian.guardian.ExternalRef;
import org.guardianportal.guardian.guardian.GuardianService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import tools.jackson.databind.JsonNode;

class EmailImportApiTest extends IntegrationTest {

    private static final String IMPORTS = "/api/guardians/email-imports";

    @Autowired
    MongoTemplate mongo;

    @Autowired
    GuardianService guardians;

    TopicWatcher events;
    String alice;
    String bruno;
    String chloe;
    String denis;
    String sourceId;

    @BeforeEach
    void fourGuardiansAnnounced() {
        events = watch(Topics.GUARDIAN_EMAIL_UPDATED);
        sourceId = "E-" + UUID.randomUUID();
        alice = guardians.register("Alice", "Import", "alice@example.fr", null, Actor.admin("setup")).id();
        bruno = guardians.register("Bruno", "Import", "bruno@example.fr", null, Actor.admin("setup")).id();
        chloe = guardians.register("Chloé", "Import", null, null, Actor.admin("setup")).id();
        denis = guardians.register("Denis", "Import", null, new ExternalRef("SIECLE", sourceId), Actor.admin("setup")).id();
        Set<String> setup = Set.of(alice, bruno, chloe, denis);
        events.untilSeen(records -> records.stream().map(ConsumerRecord::key).filter(setup::contains).distinct().count() == 4);
    }

    @AfterEach
    void stopWatching() {
        events.close();
    }

    @Test
    void validRowsAreAppliedAndEveryOtherRowIsReportedWithItsReason() {
        int mark = events.mark();
        String unknown = UUID.randomUUID().toString();
        String body = """
                {"rows": [
                  {"guardianId": "%s", "email": "Alice.New@Example.fr"},
                  {"guardianId": "%s", "email": " BRUNO@example.fr "},
                  {"guardianId": "%s", "email": "ghost@example.fr"},
                  {"guardianId": "%s", "email": "chloe@example"},
                  {"guardianId": "%s", "email": "alice.again@example.fr"},
                  {"externalRef": {"source": "SIECLE", "id": "%s"}, "email": "denis@example.fr"},
                  {"email": "nobody@example.fr"},
                  {"guardianId": "%s", "email": "  "}
                ]}""".formatted(alice, bruno, unknown, chloe, alice, sourceId, chloe);

        Api.Response response = api().post(IMPORTS, body);

        assertThat(response.status()).isEqualTo(200);
        JsonNode report = response.json();
        assertThat(report.get("total").asInt()).isEqualTo(8);
        assertThat(report.get("updated").asInt()).isEqualTo(2);
        assertThat(report.get("unchanged").asInt()).isEqualTo(1);
        assertThat(report.get("rejected").asInt()).isEqualTo(5);
        assertThat(row(report, 1)).isEqualTo("1 " + alice + " UPDATED null");
        assertThat(row(report, 2)).isEqualTo("2 " + bruno + " UNCHANGED null");
        assertThat(row(report, 3)).isEqualTo("3 " + unknown + " REJECTED unknown guardian: no guardian has the id " + unknown);
        assertThat(row(report, 4)).startsWith("4 " + chloe + " REJECTED invalid email 'chloe@example': the part after the @ has no dot");
        assertThat(row(report, 5)).isEqualTo("5 " + alice + " REJECTED guardian listed twice (first on line 1)");
        assertThat(row(report, 6)).isEqualTo("6 " + denis + " UPDATED null");
        assertThat(row(report, 7)).isEqualTo("7 null REJECTED missing guardianId or externalRef");
        assertThat(row(report, 8)).isEqualTo("8 " + chloe + " REJECTED guardian listed twice (first on line 4)");
        assertThat(codes(report)).containsExactly("UNKNOWN_GUARDIAN_ID", "INVALID_EMAIL",
                "LISTED_TWICE", "NO_ID_NOR_REFERENCE", "LISTED_TWICE");

        assertThat(emailOf(alice)).isEqualTo("alice.new@example.fr");
        assertThat(emailOf(bruno)).isEqualTo("bruno@example.fr");
        assertThat(emailOf(chloe)).isNull();
        assertThat(emailOf(denis)).isEqualTo("denis@example.fr");
        assertThat(keysAnnouncedBeforeTheNextEvent(mark)).containsExactlyInAnyOrder(alice, denis);
        JsonNode aliceEvent = Api.json(new String(events.keyed(alice).get(events.keyed(alice).size() - 1).value(), StandardCharsets.UTF_8));
        assertThat(aliceEvent.get("previousEmail").asString()).isEqualTo("alice@example.fr");
        assertThat(aliceEvent.get("actor").asString()).isEqualTo(Api.USER);
    }

    @Test
    void aSpreadsheetExportWithABrokenLineAppliesTheOtherLines() {
        int mark = events.mark();
        String csv = "\uFEFFGuardianId;Email\r\n"
                + alice + ";\"alice@example.org\"\r\n"
                + bruno + ";\"bruno@exa\"mple.org\r\n"
                + chloe + "\r\n"
                + "\r\n"
                + denis + ";\"denis@example.org\"\r\n";

        Api.Response response = api().send("POST", IMPORTS, "text/csv", csv.getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(200);
        JsonNode report = response.json();
        assertThat(report.get("total").asInt()).isEqualTo(4);
        assertThat(row(report, 1)).isEqualTo("2 " + alice + " UPDATED null");
        assertThat(row(report, 2)).startsWith("3 null REJECTED line cannot be read: there is text after a closing double quote");
        assertThat(row(report, 3)).isEqualTo("4 null REJECTED missing column: email");
        assertThat(row(report, 4)).isEqualTo("6 " + denis + " UPDATED null");
        assertThat(emailOf(alice)).isEqualTo("alice@example.org");
        assertThat(emailOf(bruno)).isEqualTo("bruno@example.fr");
        assertThat(emailOf(chloe)).isNull();
        assertThat(keysAnnouncedBeforeTheNextEvent(mark)).containsExactlyInAnyOrder(alice, denis);
    }

    @Test
    void aClientThatPrefersFrenchReadsEveryReasonInFrenchWithTheSameCodes() {
        String unknown = UUID.randomUUID().toString();
        String csv = "guardianId;email\n" + unknown + ";x@example.fr\n" + chloe + ";chloé@example.fr\n"
                + alice + ";alice.fr@example.fr\n" + alice + ";alice.bis@example.fr\n\"" + bruno + ";b@example.fr\n";

        JsonNode report = api().withHeader("Accept-Language", "fr-FR,fr;q=0.9,en;q=0.8")
                .send("POST", IMPORTS, "text/csv; charset=utf-8", csv).json();

        assertThat(row(report, 1)).isEqualTo("2 " + unknown + " REJECTED responsable inconnu : aucun responsable n’a l’identifiant "
                + unknown);
        assertThat(row(report, 2)).isEqualTo("3 " + chloe + " REJECTED adresse e-mail « chloé@example.fr » invalide : "
                + "l’adresse contient « é » : utilisez des lettres sans accent");
        assertThat(row(report, 3)).isEqualTo("4 " + alice + " UPDATED null");
        assertThat(row(report, 4)).isEqualTo("5 " + alice + " REJECTED responsable présent deux fois (d’abord à la ligne 4)");
        assertThat(row(report, 5)).isEqualTo("6 null REJECTED ligne illisible : un guillemet est ouvert mais jamais fermé");
        assertThat(codes(report))
                .containsExactly("UNKNOWN_GUARDIAN_ID", "INVALID_EMAIL", "LISTED_TWICE", "LINE_UNREADABLE");

        Api.Response header = api().withHeader("Accept-Language", "fr")
                .send("POST", IMPORTS, "text/csv", "id,mail\n" + alice + ",a@example.fr\n");
        assertThat(header.status()).isEqualTo(400);
        assertThat(header.json().get("detail").asString()).isEqualTo("La ligne d’en-tête « id,mail » n’est pas reconnue : "
                + "attendu « guardianId,email » ou « source,externalId,email ».");
        assertThat(header.json().get("code").asString()).isEqualTo("UNKNOWN_HEADER");

        // a language the service does not speak, or a header it cannot read, gets English
        for (String language : List.of("de-DE,de;q=0.9", "not a language range")) {
            JsonNode english = api().withHeader("Accept-Language", language)
                    .post(IMPORTS, "{\"rows\": [{\"guardianId\": \"%s\", \"email\": \"x@example.fr\"}]}".formatted(unknown))
                    .json();
            assertThat(row(english, 1)).isEqualTo("1 " + unknown + " REJECTED unknown guardian: no guardian has the id " + unknown);
        }
        assertThat(emailOf(alice)).isEqualTo("alice.fr@example.fr");
        assertThat(emailOf(chloe)).isNull();
    }

    @Test
    void aFileCanNameGuardiansByTheirDistrictReference() {
        String csv = "source,externalId,email\nSIECLE,%s,denis.d@example.fr\nSIECLE,unknown-%s,x@example.fr\n"
                .formatted(sourceId, sourceId);

        JsonNode report = api().send("POST", IMPORTS, "text/csv; charset=utf-8", csv).json();

        assertThat(row(report, 1)).isEqualTo("2 " + denis + " UPDATED null");
        assertThat(row(report, 2)).isEqualTo("3 null REJECTED unknown guardian: no guardian has the reference SIECLE/unknown-" + sourceId);
        assertThat(emailOf(denis)).isEqualTo("denis.d@example.fr");
    }

    @Test
    void anUnknownHeaderIsRefusedNamingTheExpectedOnesAndChangesNothing() {
        int mark = events.mark();
        String csv = "id,mail\n" + alice + ",alice.other@example.fr\n";

        Api.Response response = api().send("POST", IMPORTS, "text/csv", csv);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.json().get("detail").asString()).contains("'guardianId,email' or 'source,externalId,email'");
        assertThat(emailOf(alice)).isEqualTo("alice@example.fr");
        assertThat(keysAnnouncedBeforeTheNextEvent(mark)).isEmpty();
    }

    @Test
    void moreThanTwentyThousandRowsAreRefusedAndNothingIsApplied() {
        int mark = events.mark();
        StringBuilder csv = new StringBuilder("guardianId,email\n").append(alice).append(",alice.first@example.fr\n");
        StringBuilder json = new StringBuilder("{\"rows\":[{\"guardianId\":\"" + alice + "\",\"email\":\"alice.first@example.fr\"}");
        for (int i = 1; i <= 20_000; i++) {
            csv.append("g").append(i).append(",g").append(i).append("@example.fr\n");
            json.append(",{\"guardianId\":\"g").append(i).append("\",\"email\":\"g").append(i).append("@example.fr\"}");
        }
        json.append("]}");

        Api.Response csvResponse = api().send("POST", IMPORTS, "text/csv", csv.toString());
        Api.Response jsonResponse = api().post(IMPORTS, json.toString());

        for (Api.Response response : List.of(csvResponse, jsonResponse)) {
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.isProblem()).isTrue();
            assertThat(response.json().get("detail").asString()).contains("20001 rows").contains("at most 20000");
        }
        assertThat(emailOf(alice)).isEqualTo("alice@example.fr");
        assertThat(keysAnnouncedBeforeTheNextEvent(mark)).isEmpty();
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedEvenWithoutAnnouncedLength() {
        int mark = events.mark();
        StringBuilder csv = new StringBuilder("guardianId,email\n").append(alice).append(",alice.big@example.fr\n");
        while (csv.length() <= 5 * 1024 * 1024) {
            csv.append("x".repeat(1000)).append(",y@example.fr\n");
        }
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);

        Api.Response response = api().send("POST", IMPORTS, "text/csv",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(file)));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.isProblem()).isTrue();
        assertThat(emailOf(alice)).isEqualTo("alice@example.fr");
        assertThat(keysAnnouncedBeforeTheNextEvent(mark)).isEmpty();
    }

    @Test
    void aBodyThatIsNotAnImportIsRefused() {
        Api.Response malformed = api().post(IMPORTS, "{\"rows\": [ {\"guardianId\": ");
        Api.Response noRows = api().post(IMPORTS, "{\"lines\": []}");
        Api.Response emptyFile = api().send("POST", IMPORTS, "text/csv", "\r\n\r\n");

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.isProblem()).isTrue();
        assertThat(noRows.status()).isEqualTo(400);
        assertThat(noRows.json().get("errors").get(0).get("field").asString()).isEqualTo("rows");
        assertThat(emptyFile.status()).isEqualTo(400);
        assertThat(emptyFile.json().get("detail").asString()).contains("empty");
    }

    /**
     * More rows than one chunk takes (1,000): the import spans two chunks, each written and announced on its own, and
     * a guardian listed again in the second chunk is still seen as listed twice.
     */
    @Test
    void aLargeImportIsAppliedInBulkAndEveryChangeIsAnnouncedThenClearedFromTheOutbox() {
        List<String> ids = registered("Bulk", 1_200);
        StringBuilder csv = addressesOf(ids, "example.fr");
        csv.append(ids.get(0)).append(",again@example.fr\n");
        int mark = events.mark();

        JsonNode report = api().send("POST", IMPORTS, "text/csv", csv.toString()).json();

        assertThat(report.get("updated").asInt()).isEqualTo(1_200);
        assertThat(row(report, 1_201)).isEqualTo("1202 " + ids.get(0) + " REJECTED guardian listed twice (first on line 2)");
        assertThat(emailOf(ids.get(0))).isEqualTo(ids.get(0).substring(0, 8) + "@example.fr");
        assertThat(emailOf(ids.get(1_199))).isEqualTo(ids.get(1_199).substring(0, 8) + "@example.fr");
        Set<String> announced = new HashSet<>();
        events.untilSeen(records -> {
            records.subList(mark, records.size()).stream().filter(r -> json(r).get("email").isString())
                    .forEach(r -> announced.add(r.key()));
            return announced.containsAll(ids);
        });
        awaitOutboxesCleared(ids);
    }

    @Test
    void anImportCutShortByTheStoreSaysFromWhichLineRowsMayNotBeAppliedAndTheSameListAgainFinishesIt() {
        List<String> ids = registered("Coupure", 1_100);
        StringBuilder csv = addressesOf(ids, "coupure.fr");
        // the outbox names each guardian once more, when it clears the registration's entry: that must be done first
        awaitOutboxesCleared(ids);
        // the 1,001st guardian is first named by the read of the second chunk of rows, which starts on line 1002
        STORE.cutFromCommandMentioning(ids.get(1_000));
        Api.Response cutShort;
        try {
            cutShort = api().send("POST", IMPORTS, "text/csv", csv.toString());
            assertThat(STORE.isCut()).isTrue();
        } finally {
            STORE.restore();
        }

        assertThat(cutShort.status()).isEqualTo(503);
        assertThat(cutShort.isProblem()).isTrue();
        assertThat(cutShort.json().get("firstLineNotApplied").asInt()).isEqualTo(1_002);
        assertThat(cutShort.json().get("detail").asString())
                .contains("The rows before line 1002 are applied; those from line 1002 on may not be.");
        assertThat(cutShort.json().get("code").asString()).isEqualTo("IMPORT_INTERRUPTED");
        assertThat(emailOf(ids.get(999))).isEqualTo(ids.get(999).substring(0, 8) + "@coupure.fr");
        assertThat(emailOf(ids.get(1_000))).isNull();

        JsonNode again = api().send("POST", IMPORTS, "text/csv", csv.toString()).json();

        assertThat(again.get("unchanged").asInt()).isEqualTo(1_000);
        assertThat(again.get("updated").asInt()).isEqualTo(100);
        assertThat(emailOf(ids.get(1_099))).isEqualTo(ids.get(1_099).substring(0, 8) + "@coupure.fr");
    }

    private List<String> registered(String firstNamePrefix, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(guardians.register(firstNamePrefix + i, "Import", null, null, Actor.admin("setup")).id());
        }
        return ids;
    }

    /** A CSV giving each guardian an address of its own at {@code domain}: the first 8 characters of its id. */
    private static StringBuilder addressesOf(List<String> ids, String domain) {
        StringBuilder csv = new StringBuilder("guardianId,email\n");
        ids.forEach(id -> csv.append(id).append(",").append(id, 0, 8).append("@").append(domain).append("\n"));
        return csv;
    }

    private void awaitOutboxesCleared(List<String> ids) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> mongo.getCollection("guardians")
                .countDocuments(new Document("_id", new Document("$in", ids)).append("outbox.0", new Document("$exists", true))) == 0);
    }

    /** Keys announced after {@code mark}, proven complete by a guardian registered now being the next event. */
    private List<String> keysAnnouncedBeforeTheNextEvent(int mark) {
        String marker = guardians.register("Marqueur", "Import", null, null, Actor.admin("test")).id();
        events.until(record -> marker.equals(record.key()));
        return events.since(mark).stream().map(ConsumerRecord::key).takeWhile(key -> !marker.equals(key)).distinct().toList();
    }

    private String emailOf(String id) {
        JsonNode guardian = api().get("/api/guardians/" + id).json();
        return guardian.get("email").isNull() ? null : guardian.get("email").asString();
    }

    private static String row(JsonNode report, int position) {
        JsonNode row = report.get("rows").get(position - 1);
        return row.get("line").asInt() + " " + text(row.get("guardianId")) + " " + row.get("status").asString() + " "
                + text(row.get("reason"));
    }

    /** The codes of the rejected rows, in order. */
    private static List<String> codes(JsonNode report) {
        List<String> codes = new ArrayList<>();
        report.get("rows").forEach(row -> {
            if (row.get("status").asString().equals("REJECTED")) {
                codes.add(row.get("code").asString());
            }
        });
        return codes;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? "null" : node.asString();
    }

    private static JsonNode json(ConsumerRecord<String, byte[]> record) {
        return Api.json(new String(record.value(), StandardCharsets.UTF_8));
    }
}
