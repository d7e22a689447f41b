package org.guardianportal.guardian.guardian;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.bson.Document;
import org.guardianportal.contracts.GuardianUpdate;
import org.guardianportal.guardian.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Guardians are found by external reference through {@code externalKey}, including those stored before it existed. */
class ExternalKeyTest extends IntegrationTest {

    @Autowired
    GuardianStore store;

    @Autowired
    GuardianService guardians;

    @Autowired
    MongoTemplate mongo;

    @Test
    void referencesThatDifferOnlyWhereSourceEndsHaveDifferentKeys() {
        assertThat(new ExternalRef("A:B", "C").key()).isNotEqualTo(new ExternalRef("A", "B:C").key());
    }

    @Test
    void aGuardianStoredBeforeExternalKeysIsGivenOneAtStartAndFoundByItsReference() {
        String externalId = "E-" + UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        Date then = new Date();
        mongo.getCollection(GuardianStore.COLLECTION).insertOne(new Document("_id", id)
                .append("firstName", "Ada").append("lastName", "Lovelace").append("email", null)
                .append("externalRef", new Document("source", "SIECLE").append("id", externalId))
                .append("createdAt", then).append("updatedAt", then).append("version", 0L)
                .append("searchTokens", List.of("ada", "lovelace")).append("sortLastName", "lovelace")
                .append("sortFirstName", "ada"));

        store.afterPropertiesSet();
        guardians.applyDistrictRecord(new GuardianUpdate("SIECLE", externalId, "Ada", "Lovelace", "ada@example.org"));

        List<Document> stored = mongo.getCollection(GuardianStore.COLLECTION)
                .find(new Document("externalRef.id", externalId)).into(new ArrayList<>());
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).getString("_id")).isEqualTo(id);
        assertThat(stored.get(0).getString("email")).isEqualTo("ada@example.org");
        assertThat(stored.get(0).getString(GuardianStore.EXTERNAL_KEY)).isEqualTo(new ExternalRef("SIECLE", externalId).key());
    }
}
