package org.guardianportal.notification.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.guardianportal.contracts.MessageStatus;
import org.guardianportal.notification.MessageFixture;
import org.guardianportal.notification.NotificationServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Query;

/** A claim's read-back, decoded by hand, against Spring Data's mapping of the same stored fields. */
class MessageClaimTest extends NotificationServiceTest {

    /** Far after every date the running scheduler uses: it never finds these messages due. */
    private static final Instant LATER = Instant.parse("2400-01-01T00:00:00Z");

    @Autowired
    private MessageStore store;

    @Test
    void aClaimedMessageReadsAsSpringDataMapsItsStoredFields() {
        MessageDocument retried = mongo.insert(MessageFixture.message(sealer).scheduledFor(LATER.minusSeconds(1))
                .attempts(2).lastError("421 4.3.2 Service not available").build());
        MessageDocument expired = mongo.insert(MessageFixture.message(sealer).leasedUntil(LATER.minusSeconds(1))
                .build());

        List<MessageDocument> claimed = store.claim(List.of(MessageVersion.of(retried), MessageVersion.of(expired)),
                LATER, Duration.ofMinutes(5)).messages();

        assertThat(claimed).hasSize(2).allSatisfy(message -> {
            assertThat(message).isEqualTo(mappedBySpringData(message.id()));
            assertThat(message.status()).isEqualTo(MessageStatus.SENDING);
            assertThat(message.leaseUntil()).isEqualTo(LATER.plus(Duration.ofMinutes(5)));
        });
        MessageDocument first = claimed.stream().filter(message -> message.id().equals(retried.id())).findFirst()
                .orElseThrow();
        assertThat(first.secret()).isEqualTo(retried.secret());
        assertThat(first.body()).isEqualTo(retried.body());
        assertThat(first.lastError()).isEqualTo("421 4.3.2 Service not available");
        assertThat(first.attempts()).isEqualTo(2);
        assertThat(first.statusVersion()).isEqualTo(retried.statusVersion() + 1);
        assertThat(first.words()).isNull();
    }

    private MessageDocument mappedBySpringData(String id) {
        Query byId = new Query(where("_id").is(id));
        byId.fields().include(MessageStore.CLAIMED_FIELDS);
        return mongo.findOne(byId, MessageDocument.class);
    }
}
