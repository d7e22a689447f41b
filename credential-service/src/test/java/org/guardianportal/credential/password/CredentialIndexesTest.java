package org.guardianportal.credential.password;

import static org.assertj.core.api.Assertions.assertThat;

import org.guardianportal.credential.CredentialServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.data.mongodb.core.index.IndexOperations;

/** Credentials written by an earlier version lose, at start, the index kept only for mongo-java-server. */
class CredentialIndexesTest extends CredentialServiceTest {

    @Test
    void anIndexEarlierVersionsCreatedIsDroppedAtStart() {
        IndexOperations credentials = mongo.indexOps(Credential.class);
        credentials.createIndex(new Index("_id", Sort.Direction.ASC).on("pendingIssue.eventId", Sort.Direction.ASC)
                .unique().named("id_pendingEvent"));

        new CredentialStore(mongo);

        assertThat(credentials.getIndexInfo()).extracting(IndexInfo::getName)
                .doesNotContain("id_pendingEvent").contains("pendingSince_1");
    }
}
