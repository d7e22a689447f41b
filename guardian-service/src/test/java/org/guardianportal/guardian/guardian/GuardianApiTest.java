package org.guardianportal.guardian.guardian;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
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

class GuardianApiTest extends IntegrationTest {

    @Autowired
    MongoTemplate mongo;

    TopicWatcher events;

    @BeforeEach
    void watchEvents() {
        events = watch(Topics.GUARDIAN_EMAIL_UPDATED);
    }

    @AfterEach
    void stopWatching() {
        events.close();
    }

    @Test
    void registeringAGuardianAnswersItsLocationAndAnnouncesItInTheSameTrace() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        Api.Response created = api().withHeader("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").post("/api/guardians",
                "{\"firstName\":\"Jean\",\"lastName\":\"Dupont\",\"email\":\"  Jean.Dupont@Example.FR \"}");

        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.location()).isEqualTo("/api/guardians/" + id);
        JsonNode guardian = api().get(created.location()).json();
        assertThat(guardian.get("email").asString()).isEqualTo("jean.dupont@example.fr");
        assertThat(guardian.get("externalRef").isNull()).isTrue();
        assertThat(guardian.get("updatedAt").asString()).endsWith("Z");

        ConsumerRecord<String, byte[]> record = eventsFor(id).get(0);
        JsonNode event = json(record);
        assertThat(event.get("email").asString()).isEqualTo("jean.dupont@example.fr");
        assertThat(event.get("previousEmail").isNull()).isTrue();
        assertThat(event.get("origin").asString()).isEqualTo("ADMIN");
        assertThat(event.get("actor").asString()).isEqualTo(Api.USER);
        assertThat(event.get("eventId").asString()).hasSize(36);
        assertThat(record.headers().lastHeader("__TypeId__")).as("no Java type header").isNull();
        assertThat(new String(record.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8))
                .as("the event continues the trace of the request").contains(traceId);
    }

    @Test
    void aGuardianWithoutEmailIsAnnouncedSoCredentialsCanRefuseItForHavingNoEmail() {
        String id = register("Paul", "Sans-Adresse", null);

        JsonNode event = json(eventsFor(id).get(0));
        assertThat(event.get("email").isNull()).isTrue();
        assertThat(event.get("lastName").asString()).isEqualTo("Sans-Adresse");
    }

    @Test
    void registeringWithAnInvalidEmailIsRefusedAndCreatesNothing() {
        long before = mongo.getCollection("guardians").countDocuments();

        Api.Response refused = api().post("/api/guardians",
                "{\"firstName\":\"Jean\",\"lastName\":\"Faux\",\"email\":\"jean.faux@example\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("email");
        assertThat(refused.json().get("detail").asString()).contains("no dot");
        assertThat(mongo.getCollection("guardians").countDocuments()).isEqualTo(before);
        assertNoEventBeforeTheNextOne();
    }

    @Test
    void missingNamesAreRefusedNamingTheFieldsToFix() {
        Api.Response refused = api().post("/api/guardians", "{\"lastName\":\"  \",\"externalRef\":{\"source\":\"SIECLE\"}}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("firstName", "lastName", "externalRef.id");
        assertNoEventBeforeTheNextOne();
    }

    @Test
    void malformedJsonIsRefusedAndCreatesNothing() {
        long before = mongo.getCollection("guardians").countDocuments();

        Api.Response refused = api().post("/api/guardians", "{\"firstName\":\"Jean\",");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.json().get("detail").asString()).startsWith("The request body is not valid JSON");
        assertThat(refused.json().get("code").asString()).isEqualTo("BODY_NOT_JSON_AT");
        assertThat(mongo.getCollection("guardians").countDocuments()).isEqualTo(before);
        assertNoEventBeforeTheNextOne();
    }

    @Test
    void aRequestItCannotTakeIsExplainedInFrenchToAFrenchClient() {
        Api french = api().withHeader("Accept-Language", "fr");

        Api.Response malformed = french.post("/api/guardians", "{\"firstName\":\"Jean\",");
        Api.Response badPage = french.get("/api/guardians?page=-1");
        Api.Response missing = french.post("/api/guardians", "{\"firstName\":\"Jean\"}");
        Api.Response badNumber = french.get("/api/guardians?size=beaucoup");

        assertThat(malformed.json().get("detail").asString())
                .isEqualTo("Le corps de la demande n’est pas du JSON valide (ligne 1, colonne 21).");
        assertThat(badPage.json().get("detail").asString()).isEqualTo("page incorrect : la page commence à 0.");
        assertThat(badPage.json().get("errors").get(0).get("message").asString()).isEqualTo("la page commence à 0");
        assertThat(missing.json().get("detail").asString())
                .isEqualTo("Des champs manquent ou sont incorrects : lastName.");
        assertThat(missing.json().get("errors").get(0).get("message").asString()).isEqualTo("le nom est obligatoire");
        assertThat(api().post("/api/guardians", "{\"firstName\":\"Jean\"}").json().get("errors").get(0).get("message")
                .asString()).as("in English").isEqualTo("the last name is required");
        assertThat(badNumber.json().get("detail").asString())
                .isEqualTo("size incorrect : « beaucoup » n’est pas une valeur valide.");
    }

    @Test
    void anUnknownGuardianIsNotFound() {
        String unknown = UUID.randomUUID().toString();

        for (Api.Response response : List.of(api().get("/api/guardians/" + unknown),
                api().put("/api/guardians/" + unknown + "/email", "{\"email\":\"a@example.fr\"}"),
                api().delete("/api/guardians/" + unknown + "/email"))) {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.isProblem()).isTrue();
            assertThat(response.json().get("detail").asString()).contains(unknown);
            assertThat(response.json().get("code").asString()).isEqualTo("GUARDIAN_NOT_FOUND");
        }
        assertThat(api().withHeader("Accept-Language", "fr").get("/api/guardians/" + unknown).json().get("detail")
                .asString()).isEqualTo("Aucun responsable n’a l’identifiant « " + unknown + " ».");
        assertThat(mongo.getCollection("guardians").countDocuments(new org.bson.Document("_id", unknown))).isZero();
    }

    @Test
    void changingTheEmailAnnouncesTheNewAndThePreviousAddress() {
        String id = register("Marie", "Curie", "marie@example.fr");

        Api.Response changed = api().put("/api/guardians/" + id + "/email", "{\"email\":\"Marie.Curie@Example.org\"}");

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("email").asString()).isEqualTo("marie.curie@example.org");
        List<ConsumerRecord<String, byte[]>> forGuardian = eventsFor(id, 2);
        JsonNode event = json(forGuardian.get(1));
        assertThat(event.get("email").asString()).isEqualTo("marie.curie@example.org");
        assertThat(event.get("previousEmail").asString()).isEqualTo("marie@example.fr");
        assertThat(event.get("actor").asString()).isEqualTo(Api.USER);
    }

    @Test
    void theSameAddressAgainInAnotherCaseChangesNothingAndAnnouncesNothing() {
        String id = register("Louis", "Pasteur", "louis@example.fr");
        String updatedAt = api().get("/api/guardians/" + id).json().get("updatedAt").asString();

        Api.Response same = api().put("/api/guardians/" + id + "/email", "{\"email\":\" LOUIS@example.FR\"}");

        assertThat(same.status()).isEqualTo(200);
        assertThat(same.json().get("updatedAt").asString()).isEqualTo(updatedAt);
        // the next event for this guardian must be the removal: nothing was sent for the repeat
        api().delete("/api/guardians/" + id + "/email");
        List<ConsumerRecord<String, byte[]>> forGuardian = eventsFor(id, 2);
        assertThat(forGuardian).hasSize(2);
        assertThat(json(forGuardian.get(1)).get("email").isNull()).isTrue();
    }

    @Test
    void anInvalidAddressIsRefusedAndTheCurrentOneKept() {
        String id = register("Irène", "Joliot", "irene@example.fr");

        Api.Response refused = api().put("/api/guardians/" + id + "/email", "{\"email\":\"irene joliot@example.fr\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("email");
        assertThat(refused.json().get("errors").get(0).get("message").asString()).contains("space");
        assertThat(refused.json().get("code").asString()).isEqualTo("EMAIL_SPACE");
        Api.Response inFrench = api().withHeader("Accept-Language", "fr-FR,fr;q=0.9,en;q=0.8")
                .put("/api/guardians/" + id + "/email", "{\"email\":\"irene joliot@example.fr\"}");
        assertThat(inFrench.status()).isEqualTo(400);
        assertThat(inFrench.json().get("detail").asString())
                .isEqualTo("L’adresse e-mail ne peut pas être utilisée : l’adresse contient un espace.");
        assertThat(inFrench.json().get("errors").get(0).get("message").asString()).isEqualTo("l’adresse contient un espace");
        assertThat(inFrench.json().get("code").asString()).isEqualTo("EMAIL_SPACE");
        assertThat(api().get("/api/guardians/" + id).json().get("email").asString()).isEqualTo("irene@example.fr");
        api().delete("/api/guardians/" + id + "/email");
        List<ConsumerRecord<String, byte[]>> forGuardian = eventsFor(id, 2);
        assertThat(forGuardian).hasSize(2);
        assertThat(json(forGuardian.get(1)).get("previousEmail").asString()).isEqualTo("irene@example.fr");
    }

    @Test
    void aMissingEmailInTheBodyIsRefused() {
        String id = register("Pierre", "Vide", "pierre@example.fr");

        Api.Response refused = api().put("/api/guardians/" + id + "/email", "{}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("email");
        assertThat(api().get("/api/guardians/" + id).json().get("email").asString()).isEqualTo("pierre@example.fr");
    }

    @Test
    void removingTheEmailLeavesNoneAndAnnouncesItOnlyWhenThereWasOne() {
        String id = register("Blaise", "Pascal", "blaise@example.fr");

        Api.Response removed = api().delete("/api/guardians/" + id + "/email");
        Api.Response again = api().delete("/api/guardians/" + id + "/email");

        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().get("email").isNull()).isTrue();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("email").isNull()).isTrue();
        api().put("/api/guardians/" + id + "/email", "{\"email\":\"blaise.pascal@example.fr\"}");
        List<ConsumerRecord<String, byte[]>> forGuardian = eventsFor(id, 3);
        assertThat(forGuardian).hasSize(3);
        assertThat(json(forGuardian.get(1)).get("previousEmail").asString()).isEqualTo("blaise@example.fr");
        assertThat(json(forGuardian.get(2)).get("email").asString()).isEqualTo("blaise.pascal@example.fr");
    }

    @Test
    void anExternalReferenceBelongsToOneGuardianOnly() {
        String body = "{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"externalRef\":{\"source\":\"SIECLE\",\"id\":\"E-"
                + UUID.randomUUID() + "\"}}";
        Api.Response first = api().post("/api/guardians", body);
        long before = mongo.getCollection("guardians").countDocuments();

        Api.Response second = api().post("/api/guardians", body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("externalRef").get("source").asString()).isEqualTo("SIECLE");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("detail").asString()).contains(first.json().get("id").asString());
        assertThat(second.json().get("code").asString()).isEqualTo("REFERENCE_TAKEN");
        assertThat(api().withHeader("Accept-Language", "fr").post("/api/guardians", body).json().get("detail")
                .asString()).startsWith("Le responsable " + first.json().get("id").asString() + " a déjà la référence");
        assertThat(mongo.getCollection("guardians").countDocuments()).isEqualTo(before);
    }

    @Test
    void guardiansWithoutExternalReferenceDoNotCollide() {
        assertThat(api().post("/api/guardians", "{\"firstName\":\"Un\",\"lastName\":\"Homonyme\"}").status()).isEqualTo(201);
        assertThat(api().post("/api/guardians", "{\"firstName\":\"Un\",\"lastName\":\"Homonyme\"}").status()).isEqualTo(201);
    }

    @Test
    void pagingOutsideItsLimitsIsRefused() {
        Api.Response tooBig = api().get("/api/guardians?size=501");
        Api.Response notANumber = api().get("/api/guardians?size=lots");
        Api.Response negative = api().get("/api/guardians?page=-1");

        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.json().get("errors").get(0).get("field").asString()).isEqualTo("size");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.isProblem()).isTrue();
        assertThat(negative.status()).isEqualTo(400);
    }

    @Test
    void aWrongMethodIsRefused() {
        Api.Response response = api().send("PATCH", "/api/guardians", "application/json", "{}");

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.isProblem()).isTrue();
    }

    @Test
    void aBodyOverTheLimitIsRefusedWhetherItsLengthIsAnnouncedOrNot() {
        long before = mongo.getCollection("guardians").countDocuments();
        byte[] oversize = ("{\"firstName\":\"" + "x".repeat(5 * 1024 * 1024) + "\",\"lastName\":\"Big\"}")
                .getBytes(StandardCharsets.UTF_8);

        Api.Response announced = api().send("POST", "/api/guardians", "application/json", oversize);
        Api.Response chunked = api().send("POST", "/api/guardians", "application/json",
                HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(oversize)));

        assertThat(announced.status()).isEqualTo(413);
        assertThat(announced.isProblem()).isTrue();
        assertThat(announced.json().get("detail").asString()).contains("5 MB");
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(chunked.isProblem()).isTrue();
        assertThat(chunked.json().get("detail").asString())
                .isEqualTo("The request body is larger than the 5 MB accepted.");
        Api french = api().withHeader("Accept-Language", "fr-CA,fr;q=0.9");
        assertThat(french.send("POST", "/api/guardians", "application/json", oversize).json().get("detail").asString())
                .isEqualTo("Le corps de la demande dépasse les 5 Mo acceptés.");
        assertThat(french.send("POST", "/api/guardians", "application/json",
                HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(oversize)))
                .json().get("detail").asString()).isEqualTo("Le corps de la demande dépasse les 5 Mo acceptés.");
        assertThat(mongo.getCollection("guardians").countDocuments()).isEqualTo(before);
    }

    private String register(String firstName, String lastName, String email) {
        String body = "{\"firstName\":\"" + firstName + "\",\"lastName\":\"" + lastName + "\""
                + (email == null ? "" : ",\"email\":\"" + email + "\"") + "}";
        Api.Response created = api().post("/api/guardians", body);
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private List<ConsumerRecord<String, byte[]>> eventsFor(String guardianId) {
        return eventsFor(guardianId, 1);
    }

    private List<ConsumerRecord<String, byte[]>> eventsFor(String guardianId, int atLeast) {
        events.untilSeen(records -> distinctEvents(events.keyed(guardianId)).size() >= atLeast);
        return distinctEvents(events.keyed(guardianId));
    }

    /** Proves nothing was sent: a guardian registered now must be the very next event on the topic. */
    private void assertNoEventBeforeTheNextOne() {
        String marker = register("Marqueur", "Suivant", null);
        List<ConsumerRecord<String, byte[]>> seen = events.until(record -> marker.equals(record.key()));
        assertThat(seen).extracting(ConsumerRecord::key).containsExactly(marker);
    }

    /** Delivery is at least once: a relayed duplicate carries the same eventId and counts once. */
    static List<ConsumerRecord<String, byte[]>> distinctEvents(List<ConsumerRecord<String, byte[]>> records) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        return records.stream().filter(record -> ids.add(json(record).get("eventId").asString())).toList();
    }

    static JsonNode json(ConsumerRecord<String, byte[]> record) {
        return Api.json(new String(record.value(), StandardCharsets.UTF_8));
    }
}
