package org.guardianportal.credential.eligibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.guardianportal.contracts.EmailOrigin;
import org.guardianportal.contracts.GuardianEmailUpdated;
import org.guardianportal.contracts.Topics;
import org.guardianportal.credential.CredentialServiceTest;
import org.guardianportal.credential.CredentialSettings;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexInfo;

import tools.jackson.databind.JsonNode;

class EligibilityProjectionTest extends CredentialServiceTest {

    @Autowired
    EligibilityProjection projection;

    @Autowired
    CredentialSettings settings;

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Test
    void anAnnouncedGuardianIsKnownWithALowerCaseEmailAndFrenchByDefault() {
        String guardianId = newGuardianId();
        announce(updated(guardianId, "Marie.Curie@Ecole.FR", T0));

        Document stored = awaitProjection(guardianId, T0);

        assertThat(stored.getString("email")).isEqualTo("marie.curie@ecole.fr");
        assertThat(stored.getString("locale")).isEqualTo("fr");
        assertThat(stored.getString("firstName")).isEqualTo("Marie");
    }

    @Test
    void theSameEventTwiceChangesNothingAndAnOlderEventDoesNotOverwriteANewerOne() {
        String guardianId = newGuardianId();
        GuardianEmailUpdated newer = updated(guardianId, "new@example.org", T0.plusSeconds(10));
        announce(newer);
        Document afterFirst = awaitProjection(guardianId, newer.occurredAt());

        announce(updated(guardianId, "old@example.org", T0));
        announce(newer);
        awaitConsumed(Topics.GUARDIAN_EMAIL_UPDATED);

        assertThat(projection(guardianId)).isEqualTo(afterFirst);
        assertThat(projection(guardianId).getString("email")).isEqualTo("new@example.org");
    }

    @Test
    void withinOneBatchTheNewestEventOfAGuardianWinsWhateverTheOrder() {
        String guardianId = newGuardianId();
        String other = newGuardianId();
        GuardianEmailUpdated newer = updated(guardianId, "new@example.org", T0.plusSeconds(10));

        int applied = projection.applyAll(List.of(newer, updated(other, "other@example.org", T0),
                updated(guardianId, "old@example.org", T0)));

        assertThat(applied).isEqualTo(2);
        assertThat(projection(guardianId).getString("email")).isEqualTo("new@example.org");
        assertThat(projection(other).getString("email")).isEqualTo("other@example.org");
        assertThat(projection.applyAll(List.of(updated(guardianId, "older@example.org", T0.plusSeconds(5)))))
                .as("older than the stored one").isZero();
        assertThat(projection(guardianId).getString("email")).isEqualTo("new@example.org");
    }

    @Test
    void announcementsAroundAnUnreadableOneAreAllApplied() {
        String before = newGuardianId();
        String after = newGuardianId();
        String garbageKey = "k-" + UUID.randomUUID();
        announce(updated(before, "before@example.org", T0));
        kafka.send(Topics.GUARDIAN_EMAIL_UPDATED, garbageKey, "{not json".getBytes(StandardCharsets.UTF_8)).join();
        announce(updated(after, "after@example.org", T0));

        awaitProjection(before, T0);
        awaitProjection(after, T0);
        await().atMost(PATIENCE).until(() -> records(Topics.GUARDIAN_EMAIL_UPDATED + Topics.DLT_SUFFIX, garbageKey),
                all -> all.size() == 1);
    }

    @Test
    void aRemovedEmailMakesTheGuardianIneligible() {
        String guardianId = newGuardianId();
        announce(updated(guardianId, "someone@example.org", T0));
        announce(updated(guardianId, null, T0.plusSeconds(1)));
        awaitProjection(guardianId, T0.plusSeconds(1));

        Response batch = post("/api/credentials/batches", json(Map.of("guardianIds", new String[] {guardianId})));

        assertThat(batch.json().path("rejected").get(0).path("reason").asString()).isEqualTo("NO_EMAIL");
    }

    @Test
    void unreadableOrIncompleteAnnouncementsAreDeadLetteredWithTheirReason() {
        String garbageKey = "k-" + UUID.randomUUID();
        String withoutTimeKey = newGuardianId();
        kafka.send(Topics.GUARDIAN_EMAIL_UPDATED, garbageKey, "<guardian/>".getBytes(StandardCharsets.UTF_8)).join();
        announce(updated(withoutTimeKey, "x@example.org", null));

        String dlt = Topics.GUARDIAN_EMAIL_UPDATED + Topics.DLT_SUFFIX;
        ConsumerRecord<String, byte[]> garbage = await().atMost(PATIENCE).until(
                () -> records(dlt, garbageKey), all -> !all.isEmpty()).get(0);
        ConsumerRecord<String, byte[]> withoutTime = await().atMost(PATIENCE).until(
                () -> records(dlt, withoutTimeKey), all -> !all.isEmpty()).get(0);

        assertThat(header(garbage, Topics.DLT_REASON_HEADER)).contains("not valid JSON");
        assertThat(header(withoutTime, Topics.DLT_REASON_HEADER)).contains("without occurredAt");
        assertThat(projection(withoutTimeKey)).isNull();
        // kept for operators, who can send it again once fixed
        JsonNode kept = await().atMost(PATIENCE).until(() -> keptDeadLetter(garbageKey), found -> found != null);
        assertThat(kept.path("payload").asString()).isEqualTo("<guardian/>");
        assertThat(kept.path("reason").asString()).contains("not valid JSON");
        assertThat(kept.path("originalOffset").isIntegralNumber()).isTrue();
    }

    private JsonNode keptDeadLetter(String key) {
        for (JsonNode item : get("/api/dead-letters/" + Topics.GUARDIAN_EMAIL_UPDATED + "?size=500").json().path("items")) {
            if (key.equals(item.path("key").asString())) {
                return item;
            }
        }
        return null;
    }

    /** A projection written by an earlier version loses the index kept only for mongo-java-server, and keeps the rest. */
    @Test
    void anIndexEarlierVersionsCreatedIsDroppedAtStart() {
        mongo.indexOps(EligibilityDocument.class).createIndex(new Index("_id", Sort.Direction.ASC)
                .on("lastOccurredAt", Sort.Direction.ASC).unique().named("id_lastOccurredAt"));

        new EligibilityProjection(mongo, settings);

        assertThat(mongo.indexOps(EligibilityDocument.class).getIndexInfo()).extracting(IndexInfo::getName)
                .doesNotContain("id_lastOccurredAt").contains("email_1");
    }

    private static GuardianEmailUpdated updated(String guardianId, String email, Instant occurredAt) {
        return new GuardianEmailUpdated(UUID.randomUUID(), occurredAt, guardianId, "Marie", "Curie", email, null,
                EmailOrigin.DISTRICT_SYNC, "district");
    }

    private Document awaitProjection(String guardianId, Instant occurredAt) {
        return await().atMost(PATIENCE).until(() -> projection(guardianId),
                stored -> stored != null && occurredAt.equals(stored.getDate("lastOccurredAt").toInstant()));
    }

    private Document projection(String guardianId) {
        return mongo.getCollection("eligibility").find(new Document("_id", guardianId)).first();
    }
}
