package org.guardianportal.notification.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.guardianportal.contracts.MessageStatus;
import org.guardianportal.notification.MessageFixture;
import org.guardianportal.notification.NotificationServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The delivery queue against the real store: what is found due, and how stale entries are handled. */
class DeliveryQueueTest extends NotificationServiceTest {

    /** Far after every date the running scheduler or the other tests use: only these calls find the entries due. */
    private static final Instant LATER = Instant.parse("2300-01-01T00:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(5);

    @Autowired
    private DeliveryQueue queue;

    @Test
    void aDueMessageIsTakenOnceItsEntryHeldUntilTheEndOfTheLease() {
        MessageDocument pending = store(MessageFixture.message(sealer).scheduledFor(LATER.minusSeconds(1)));
        MessageDocument expired = store(MessageFixture.message(sealer).leasedUntil(LATER.minusSeconds(1)));
        queue.schedule(Map.of(pending.id(), pending.scheduledFor(), expired.id(), expired.leaseUntil()));

        assertThat(takeDue()).contains(MessageVersion.of(pending), MessageVersion.of(expired));

        assertThat(entryDueAt(pending)).isEqualTo(LATER.plus(LEASE));
        assertThat(entryDueAt(expired)).isEqualTo(LATER.plus(LEASE));
        assertThat(takeDue()).doesNotContain(MessageVersion.of(pending), MessageVersion.of(expired));
    }

    @Test
    void anEntryEarlierThanItsMessageIsMovedToTheMessagesOwnTime() {
        MessageDocument later = store(MessageFixture.message(sealer).scheduledFor(LATER.plusSeconds(60)));
        MessageDocument held = store(MessageFixture.message(sealer).leasedUntil(LATER.plusSeconds(90)));
        queue.schedule(Map.of(later.id(), LATER.minusSeconds(1), held.id(), LATER.minusSeconds(1)));

        assertThat(takeDue()).doesNotContain(MessageVersion.of(later), MessageVersion.of(held));

        assertThat(entryDueAt(later)).isEqualTo(LATER.plusSeconds(60));
        assertThat(entryDueAt(held)).isEqualTo(LATER.plusSeconds(90));
    }

    @Test
    void aStaleEntryIsRemovedOnlyOnceNoWriteCanStillBeUnderWay() {
        // left by a crash between recording SENT and removing the entry
        MessageDocument sent = store(MessageFixture.message(sealer).status(MessageStatus.SENT));
        queue.schedule(Map.of(sent.id(), LATER.minus(LEASE).minusSeconds(1)));
        // as a replay leaves it between writing the entry and queuing the message
        MessageDocument beingReplayed = store(MessageFixture.message(sealer).status(MessageStatus.SENT));
        queue.schedule(Map.of(beingReplayed.id(), LATER.minusSeconds(1)));

        assertThat(takeDue()).doesNotContain(MessageVersion.of(sent), MessageVersion.of(beingReplayed));

        assertThat(entryDueAt(sent)).isNull();
        assertThat(entryDueAt(beingReplayed)).isEqualTo(LATER.minusSeconds(1));
    }

    @Test
    void theRemovalAfterDeliveryKeepsAnEntryAReplayWroteSince() {
        MessageDocument claimed = store(MessageFixture.message(sealer).leasedUntil(LATER));
        queue.schedule(Map.of(claimed.id(), LATER.plusSeconds(5)));

        queue.release(List.of(claimed));

        assertThat(entryDueAt(claimed)).isEqualTo(LATER.plusSeconds(5));
        queue.schedule(Map.of(claimed.id(), LATER));
        queue.release(List.of(claimed));
        assertThat(entryDueAt(claimed)).isNull();
    }

    @Test
    void queuedMessagesStoredBeforeTheQueueExistedGetAnEntryAtStartup() {
        mongo.dropCollection(DeliveryQueue.COLLECTION);
        MessageDocument pending = store(MessageFixture.message(sealer).scheduledFor(LATER));
        MessageDocument sending = store(MessageFixture.message(sealer).leasedUntil(LATER.plusSeconds(1)));
        MessageDocument sent = store(MessageFixture.message(sealer).status(MessageStatus.SENT));

        queue.afterPropertiesSet();

        assertThat(entryDueAt(pending)).isEqualTo(LATER);
        assertThat(entryDueAt(sending)).isEqualTo(LATER.plusSeconds(1));
        assertThat(entryDueAt(sent)).isNull();
    }

    private MessageDocument store(MessageFixture fixture) {
        return mongo.insert(fixture.build());
    }

    private List<MessageVersion> takeDue() {
        return queue.takeDue(LATER, 10_000, LEASE);
    }

    private Instant entryDueAt(MessageDocument message) {
        Document entry = mongo.findById(message.id(), Document.class, DeliveryQueue.COLLECTION);
        return entry == null ? null : entry.get("dueAt", Date.class).toInstant();
    }
}
