package org.guardianportal.credential.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.bson.Document;
import org.guardianportal.contracts.Topics;
import org.guardianportal.credential.CredentialServiceTest;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class CommandRelayTest extends CredentialServiceTest {

    @Test
    void commandsKafkaNeverAcknowledgedAreProducedLaterAndCarriedOut() {
        String eligible = newGuardianId();
        String emailRemovedMeanwhile = newGuardianId();
        announce(eligible, newEmail());
        announce(emailRemovedMeanwhile, null);
        // a batch accepted while Kafka was down: stored, its commands never acknowledged
        String batchId = UUID.randomUUID().toString();
        Instant then = Instant.now().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.MILLIS);
        mongo.insert(new BatchDocument(batchId, "admin", then, 2, 0));
        mongo.insertAll(List.of(BatchItemDocument.queued(batchId, eligible, "admin", then),
                BatchItemDocument.queued(batchId, emailRemovedMeanwhile, "admin", then)));

        JsonNode summary = await().atMost(PATIENCE).until(() -> get("/api/credentials/batches/" + batchId).json(),
                s -> s.path("issued").asInt() == 1 && s.path("rejected").asInt() == 1);

        assertThat(summary.path("requested").asInt()).isEqualTo(2);
        awaitIssued(eligible, batchId);
        JsonNode rejected = JSON.readTree(records(Topics.CREDENTIAL_REJECTED, emailRemovedMeanwhile).get(0).value());
        assertThat(rejected.path("reason").asString()).isEqualTo("NO_EMAIL");
        assertThat(rejected.path("batchId").asString()).isEqualTo(batchId);
        assertThat(mongo.getCollection(BatchItemDocument.COLLECTION).find(new Document("batchId", batchId)))
                .allMatch(item -> item.getBoolean("published"));
        Document refused = mongo.getCollection(BatchItemDocument.COLLECTION)
                .find(new Document("_id", BatchItemDocument.idOf(batchId, emailRemovedMeanwhile))).first();
        assertThat(refused.getString("state")).isEqualTo("REJECTED");
        assertThat(refused.getString("reason")).isEqualTo("NO_EMAIL");
    }
}
