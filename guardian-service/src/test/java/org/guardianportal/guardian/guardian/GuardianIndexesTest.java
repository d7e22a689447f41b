package org.guardianportal.guardian.guardian;

import static org.assertj.core.api.Assertions.assertThat;

import org.guardianportal.guardian.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.data.mongodb.core.index.IndexOperations;

/** A store written by an earlier version loses, at start, the indexes this one no longer uses, and keeps the rest. */
class GuardianIndexesTest extends IntegrationTest {

    @Autowired
    GuardianStore store;

    @Autowired
    MongoTemplate mongo;

    @Test
    void indexesEarlierVersionsCreatedAreDroppedAtStart() {
        IndexOperations indexes = mongo.indexOps(GuardianStore.COLLECTION);
        indexes.createIndex(new Index().on("_id", Sort.Direction.ASC).on("version", Sort.Direction.ASC).unique()
                .named("id_version"));
        indexes.createIndex(new Index().on("externalRef.source", Sort.Direction.ASC)
                .on("externalRef.id", Sort.Direction.ASC).unique().sparse().named("externalRef_unique"));

        store.afterPropertiesSet();

        assertThat(indexes.getIndexInfo()).extracting(IndexInfo::getName)
                .doesNotContain("id_version", "externalRef_unique")
                .contains("externalKey_unique", "search_byName", "byName", "email_byName");
    }
}
