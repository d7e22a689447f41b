package org.guardianportal.credential.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.guardianportal.contracts.Topics;
import org.guardianportal.credential.CredentialServiceTest;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class BatchApiTest extends CredentialServiceTest {

    private static final String BATCHES = "/api/credentials/batches";

    @Test
    void guardiansWithoutEmailAndUnknownGuardiansAreRefusedWithTheirReason() {
        String eligible = newGuardianId();
        String withoutEmail = newGuardianId();
        String unknown = newGuardianId();
        announce(eligible, newEmail());
        announce(withoutEmail, null);

        Response response = post(BATCHES, json(Map.of("guardianIds",
                List.of(eligible, withoutEmail, unknown, eligible))), "admin.dupont");

        assertThat(response.status()).isEqualTo(202);
        JsonNode body = response.json();
        String batchId = body.path("batchId").asString();
        assertThat(response.headers().get("Location")).containsExactly(BATCHES + "/" + batchId);
        assertThat(body.path("requested").asInt()).as("duplicates collapsed").isEqualTo(3);
        assertThat(body.path("accepted").asInt()).isEqualTo(1);
        assertThat(body.path("rejected").valueStream().map(r -> r.path("guardianId").asString() + "=" + r.path("reason").asString()))
                .containsExactly(withoutEmail + "=NO_EMAIL", unknown + "=UNKNOWN_GUARDIAN");

        JsonNode command = JSON.readTree(await().atMost(PATIENCE).until(
                () -> records(Topics.CREDENTIAL_COMMANDS, eligible), all -> !all.isEmpty()).get(0).value());
        assertThat(command.path("batchId").asString()).isEqualTo(batchId);
        assertThat(command.path("requestedBy").asString()).isEqualTo("admin.dupont");
        assertThat(command.path("type").asString()).isEqualTo("GENERATE_PASSWORD");

        JsonNode summary = await().atMost(PATIENCE).until(() -> get(BATCHES + "/" + batchId).json(),
                s -> s.path("issued").asInt() == 1);
        assertThat(summary.path("requestedBy").asString()).isEqualTo("admin.dupont");
        assertThat(summary.path("requested").asInt()).isEqualTo(3);
        assertThat(summary.path("rejected").asInt()).isEqualTo(2);
        assertThat(summary.path("delivered").asInt()).isZero();
        assertThat(summary.path("createdAt").asString()).endsWith("Z");
        assertThat(records(Topics.CREDENTIAL_COMMANDS, withoutEmail)).isEmpty();
        assertThat(records(Topics.CREDENTIAL_COMMANDS, unknown)).isEmpty();
    }

    @Test
    void twentyThousandGuardiansAreAnsweredInOneRequest() {
        List<String> ids = IntStream.range(0, 20_000).mapToObj(i -> newGuardianId()).toList();

        Response response = post(BATCHES, json(Map.of("guardianIds", ids)));

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.json().path("rejected").size()).isEqualTo(20_000);
        JsonNode summary = get(BATCHES + "/" + response.json().path("batchId").asString()).json();
        assertThat(summary.path("requested").asInt()).isEqualTo(20_000);
        assertThat(summary.path("rejected").asInt()).isEqualTo(20_000);
    }

    @Test
    void moreThanTwentyThousandIdsAreTooLargeAndNothingIsQueued() {
        String eligible = newGuardianId();
        announce(eligible, newEmail());
        List<String> ids = new ArrayList<>(IntStream.range(0, 20_000).mapToObj(i -> newGuardianId()).toList());
        ids.add(eligible);
        long batchesBefore = mongo.getCollection("batches").countDocuments();

        Response response = post(BATCHES, json(Map.of("guardianIds", ids)));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.json().path("detail").asString())
                .isEqualTo("A batch selects at most 20,000 guardians; this one lists 20,001.");
        assertNothingQueuedFor(eligible, batchesBefore);
    }

    @Test
    void aBodyOverTheByteLimitIsTooLargeWhetherItsLengthIsDeclaredOrNotInTheRequestsLanguage() {
        byte[] body = ("{\"guardianIds\": [\"a\"]" + " ".repeat(5 * 1024 * 1024) + "}").getBytes(StandardCharsets.UTF_8);
        Map<String, String> detailByLanguage = Map.of(
                "en", "The request body is larger than the 4 MB accepted.",
                "fr", "Le corps de la demande dépasse les 4 Mo acceptés.");

        detailByLanguage.forEach((language, detail) -> {
            Response declared = send(HttpRequest.newBuilder(uri(BATCHES))
                    .header("Content-Type", "application/json").header("Accept-Language", language)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
            Response chunked = send(HttpRequest.newBuilder(uri(BATCHES))
                    .header("Content-Type", "application/json").header("Accept-Language", language)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build());

            for (Response response : List.of(declared, chunked)) {
                assertThat(response.status()).isEqualTo(413);
                assertThat(response.isProblem()).isTrue();
                assertThat(response.json().path("detail").asString()).as(language).isEqualTo(detail);
            }
        });
    }

    @Test
    void malformedJsonIsABadRequestAndNothingIsQueued() {
        String eligible = newGuardianId();
        announce(eligible, newEmail());
        long batchesBefore = mongo.getCollection("batches").countDocuments();

        Response response = post(BATCHES, "{\"guardianIds\": [\"" + eligible + "\"");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.json().path("detail").asString()).contains("not valid JSON");
        assertNothingQueuedFor(eligible, batchesBefore);
    }

    @Test
    void anEmptyMissingOrInvalidSelectionIsABadRequest() {
        long batchesBefore = mongo.getCollection("batches").countDocuments();

        Response missing = post(BATCHES, "{}");
        Response empty = post(BATCHES, "{\"guardianIds\": []}");
        Response blank = post(BATCHES, "{\"guardianIds\": [\"g-1\", \" \"]}");
        Response notAList = post(BATCHES, "{\"guardianIds\": {\"id\": 1}}");

        for (Response response : List.of(missing, empty, blank, notAList)) {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.isProblem()).isTrue();
        }
        assertThat(missing.json().path("errors").get(0).path("field").asString()).isEqualTo("guardianIds");
        assertThat(blank.json().path("errors").get(0).path("field").asString()).isEqualTo("guardianIds[1]");
        assertThat(notAList.json().path("detail").asString()).contains("guardianIds");
        assertThat(mongo.getCollection("batches").countDocuments()).isEqualTo(batchesBefore);
    }

    @Test
    void anUnknownBatchIsNotFound() {
        Response response = get(BATCHES + "/no-such-batch");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.json().path("detail").asString()).contains("no-such-batch");
    }

    @Test
    void batchesAreListedNewestFirstInPages() {
        String older = requestBatch(newGuardianId());
        String newer = requestBatch(newGuardianId(), newGuardianId());

        JsonNode page = get(BATCHES + "?page=0&size=500").json();

        List<String> ids = page.path("items").valueStream().map(item -> item.path("batchId").asString()).toList();
        assertThat(ids).containsSubsequence(newer, older);
        // each batch counts its own items (unknown guardians, refused), none of the other batches'
        assertThat(page.path("items").valueStream().filter(item -> List.of(older, newer)
                        .contains(item.path("batchId").asString()))
                .map(item -> item.path("requested").asInt() + "/" + item.path("rejected").asInt() + "/"
                        + item.path("issued").asInt()))
                .containsExactly("2/2/0", "1/1/0");
        assertThat(page.path("page").asInt()).isZero();
        assertThat(page.path("size").asInt()).isEqualTo(500);
        assertThat(page.path("total").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(page.path("items").get(0).has("delivered")).isTrue();
        assertThat(get(BATCHES + "?size=1").json().path("items").size()).isEqualTo(1);
        for (String bad : List.of("?size=501", "?size=0", "?page=-1", "?page=first")) {
            Response response = get(BATCHES + bad);
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.isProblem()).isTrue();
        }
    }

    @Test
    void aWrongMethodIsRefused() {
        Response response = send(HttpRequest.newBuilder(uri(BATCHES)).DELETE().build());

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.isProblem()).isTrue();
    }

    /**
     * No batch was stored, and no command reached Kafka for the guardian: a batch asked afterwards for the same
     * guardian carries the only command produced for them.
     */
    private void assertNothingQueuedFor(String guardianId, long batchesBefore) {
        assertThat(mongo.getCollection("batches").countDocuments()).isEqualTo(batchesBefore);
        String later = requestBatch(guardianId);
        await().atMost(PATIENCE).until(() -> records(Topics.CREDENTIAL_COMMANDS, guardianId), all -> !all.isEmpty());
        assertThat(records(Topics.CREDENTIAL_COMMANDS, guardianId))
                .allMatch(r -> later.equals(JSON.readTree(r.value()).path("batchId").asString()));
    }
}
