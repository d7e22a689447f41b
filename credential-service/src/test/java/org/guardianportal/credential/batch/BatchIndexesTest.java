package org.guardianportal.credential.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.guardianportal.credential.CredentialServiceTest;
import org.guardianportal.credential.CredentialSettings;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.data.mongodb.core.index.IndexOperations;

/** Batch items written by an earlier version lose, at start, the indexes this version no longer reads. */
class BatchIndexesTest extends CredentialServiceTest {

    @Autowired
    CredentialSettings settings;

    @Test
    void indexesEarlierVersionsCreatedAreDroppedAtStart() {
        IndexOperations items = mongo.indexOps(BatchItemDocument.class);
        items.createIndex(new Index("_id", Sort.Direction.ASC).on("commandId", Sort.Direction.ASC)
                .on("state", Sort.Direction.ASC).unique().named("id_command_state"));
        items.createIndex(new Index("_id", Sort.Direction.ASC).on("deliveryAt", Sort.Direction.ASC).unique()
                .named("id_deliveryAt"));
        items.createIndex(new Index("batchId", Sort.Direction.ASC).on("state", Sort.Direction.ASC));
        items.createIndex(new Index("batchId", Sort.Direction.ASC).on("delivery", Sort.Direction.ASC));

        new BatchStore(mongo, settings);

        assertThat(items.getIndexInfo()).extracting(IndexInfo::getName)
                .doesNotContain("id_command_state", "id_deliveryAt", "batchId_1_state_1", "batchId_1_delivery_1")
                .contains("published_1_createdAt_1");
    }
}
