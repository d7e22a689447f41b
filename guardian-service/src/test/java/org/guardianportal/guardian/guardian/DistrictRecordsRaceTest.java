package org.guardianportal.guardian.guardian;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.guardianportal.contracts.GuardianUpdate;
import org.guardianportal.contracts.Topics;
import org.guardianportal.guardian.IntegrationTest;
import org.guardianportal.guardian.TopicWatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import tools.jackson.databind.JsonNode;

/**
 * A poll of district records is read once and written in bulk; another writer may create or change one of its
 * guardians in between. The store here lets that writer in at exactly that moment: it writes the guardian itself
 * just before the bulk write, through the real store, as another instance of the service would.
 */
class DistrictRecordsRaceTest extends IntegrationTest {

    @Autowired
    MongoTemplate mongo;

    @Autowired
    GuardianService guardians;

    @Autowired
    EmailEventPublisher publisher;

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
    void aGuardianAnotherWriterCreatesBeforeTheBulkInsertIsUpdatedOnceInsteadOfCreatedTwice() {
        ExternalRef ref = new ExternalRef("SIECLE", "E-" + UUID.randomUUID());
        AtomicReference<String> otherWritersGuardian = new AtomicReference<>();
        GuardianStore racing = new GuardianStore(mongo) {
            @Override
            List<PendingEvents> insertAll(List<GuardianChange> creations) {
                GuardianChange creation = Guardian.register("Ada", "Lovelace", "ada@old.example.org", ref,
                        Actor.admin("secretariat"), guardians.now());
                insert(creation);
                otherWritersGuardian.set(creation.after().id());
                return super.insertAll(creations);
            }
        };
        String other = "E-" + UUID.randomUUID();

        district(racing).applyDistrictRecords(List.of(
                new GuardianUpdate("SIECLE", ref.id(), "Ada", "Lovelace", "ada@example.org"),
                new GuardianUpdate("SIECLE", other, "Charles", "Babbage", "charles@example.org")));

        List<Document> stored = guardiansWithExternalId(ref.id());
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).getString("_id")).isEqualTo(otherWritersGuardian.get());
        assertThat(stored.get(0).getString("email")).isEqualTo("ada@example.org");
        assertThat(stored.get(0).get("version")).isEqualTo(1L);
        List<JsonNode> announced = eventsFor(otherWritersGuardian.get(), 2);
        assertThat(announced).extracting(event -> event.get("origin").asString()).containsExactly("ADMIN", "DISTRICT_SYNC");
        assertThat(announced.get(1).get("previousEmail").asString()).isEqualTo("ada@old.example.org");
        assertThat(guardiansWithExternalId(other)).extracting(guardian -> guardian.getString("email"))
                .containsExactly("charles@example.org");
    }

    @Test
    void aGuardianAnotherWriterChangesBeforeTheBulkUpdateIsDecidedAgainOnThatChange() {
        String externalId = "E-" + UUID.randomUUID();
        guardians.applyDistrictRecords(List.of(new GuardianUpdate("SIECLE", externalId, "Ada", "Lovelace", "ada@example.org")));
        String id = guardiansWithExternalId(externalId).get(0).getString("_id");
        GuardianStore racing = new GuardianStore(mongo) {
            @Override
            List<PendingEvents> updateAll(List<GuardianChange> changes, Set<String> withUnpublishedEvents) {
                Guardian current = findById(id).orElseThrow();
                update(current.changeEmail("ada.admin@example.org", Actor.admin("secretariat"), guardians.now()).orElseThrow());
                return super.updateAll(changes, withUnpublishedEvents);
            }
        };

        district(racing).applyDistrictRecords(List.of(
                new GuardianUpdate("SIECLE", externalId, "Ada", "Lovelace-King", "ada@example.org")));

        Document stored = guardiansWithExternalId(externalId).get(0);
        assertThat(stored.getString("lastName")).isEqualTo("Lovelace-King");
        assertThat(stored.getString("email")).as("the district's record is the truth").isEqualTo("ada@example.org");
        assertThat(stored.get("version")).isEqualTo(2L);
        List<JsonNode> announced = eventsFor(id, 3);
        assertThat(announced).extracting(event -> event.get("origin").asString())
                .containsExactly("DISTRICT_SYNC", "ADMIN", "DISTRICT_SYNC");
        assertThat(announced.get(2).get("previousEmail").asString()).isEqualTo("ada.admin@example.org");
    }

    private GuardianService district(GuardianStore store) {
        return new GuardianService(store, publisher, Clock.systemUTC());
    }

    private List<Document> guardiansWithExternalId(String externalId) {
        return mongo.getCollection(GuardianStore.COLLECTION).find(new Document("externalRef.id", externalId))
                .into(new ArrayList<>());
    }

    private List<JsonNode> eventsFor(String guardianId, int count) {
        events.untilSeen(seen -> GuardianApiTest.distinctEvents(keyed(seen, guardianId)).size() >= count);
        return GuardianApiTest.distinctEvents(events.keyed(guardianId)).stream().map(GuardianApiTest::json).toList();
    }

    private static List<ConsumerRecord<String, byte[]>> keyed(List<ConsumerRecord<String, byte[]>> seen, String key) {
        return seen.stream().filter(record -> key.equals(record.key())).toList();
    }
}
