package org.guardianportal.credential.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.guardianportal.contracts.MessageStatus;
import org.guardianportal.contracts.NotificationStatusChanged;
import org.guardianportal.contracts.Topics;
import org.guardianportal.credential.CredentialServiceTest;
import org.guardianportal.credential.CredentialSettings;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

class DeliveryProgressTest extends CredentialServiceTest {

    private static final String DLT = Topics.NOTIFICATION_STATUS_CHANGED + Topics.DLT_SUFFIX;

    @Autowired
    BatchStore store;

    @Autowired
    CredentialSettings settings;

    @Test
    void batchCountersFollowTheEmailsOfThePasswords() {
        String first = newGuardianId();
        String second = newGuardianId();
        announce(first, newEmail());
        announce(second, newEmail());
        String batchId = requestBatch(first, second);
        awaitIssued(first, batchId);
        awaitIssued(second, batchId);
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        NotificationStatusChanged sent = status(first, batchId, MessageStatus.SENT, t.plusSeconds(2));
        publish(sent);
        publish(status(second, batchId, MessageStatus.FAILED, t.plusSeconds(2)));
        publish(status(first, batchId, MessageStatus.SENDING, t.plusSeconds(1))); // late and older: ignored
        publish(sent); // a replay: changes nothing

        JsonNode summary = await().atMost(PATIENCE).until(() -> get("/api/credentials/batches/" + batchId).json(),
                s -> s.path("delivered").asInt() == 1 && s.path("failed").asInt() == 1);
        awaitConsumed(Topics.NOTIFICATION_STATUS_CHANGED);
        summary = get("/api/credentials/batches/" + batchId).json();
        assertThat(summary.path("delivered").asInt()).isEqualTo(1);
        assertThat(summary.path("failed").asInt()).isEqualTo(1);
        assertThat(summary.path("issued").asInt()).isEqualTo(2);

        // an operator replays the failed message and it goes through
        publish(status(second, batchId, MessageStatus.SENT, t.plusSeconds(3)));
        await().atMost(PATIENCE).until(() -> get("/api/credentials/batches/" + batchId).json(),
                s -> s.path("delivered").asInt() == 2 && s.path("failed").asInt() == 0);
    }

    @Test
    void withinOnePollTheNewestStatusOfAnItemWinsWhateverTheOrderAndNeverOverwritesANewerStoredOne() {
        String stored = newGuardianId();
        String polled = newGuardianId();
        String batchId = issuedBatch(stored, polled);
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publish(status(stored, batchId, MessageStatus.SENT, t.plusSeconds(5)));
        await().atMost(PATIENCE).until(() -> item(batchId, stored).getString("delivery"), "SENT"::equals);

        publishTogether(
                status(polled, batchId, MessageStatus.SENT, t.plusSeconds(4)),
                status(stored, batchId, MessageStatus.SENDING, t.plusSeconds(1)),
                status(polled, batchId, MessageStatus.PENDING, t),
                status(stored, batchId, MessageStatus.FAILED, t.plusSeconds(3)),
                status(polled, batchId, MessageStatus.SENDING, t.plusSeconds(2)));
        awaitConsumed(Topics.NOTIFICATION_STATUS_CHANGED);

        assertDelivery(batchId, stored, MessageStatus.SENT, t.plusSeconds(5));
        assertDelivery(batchId, polled, MessageStatus.SENT, t.plusSeconds(4));
        JsonNode summary = get("/api/credentials/batches/" + batchId).json();
        assertThat(summary.path("delivered").asInt()).isEqualTo(2);
        assertThat(summary.path("failed").asInt()).isZero();
    }

    @Test
    void aPollMixingTwoBatchesAndAMessageOutsideAnyBatchMovesEachBatchsOwnCounters() {
        String twice = newGuardianId();
        String once = newGuardianId();
        String firstBatch = issuedBatch(twice, once);
        String secondBatch = requestBatch(twice);
        awaitIssued(twice, secondBatch);
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        publishTogether(
                status(twice, firstBatch, MessageStatus.SENT, t.plusSeconds(1)),
                status(twice, null, MessageStatus.FAILED, t.plusSeconds(9)),
                status(once, firstBatch, MessageStatus.FAILED, t.plusSeconds(1)),
                status(twice, secondBatch, MessageStatus.SENDING, t.plusSeconds(1)),
                status(twice, secondBatch, MessageStatus.SENT, t.plusSeconds(2)));
        awaitConsumed(Topics.NOTIFICATION_STATUS_CHANGED);

        JsonNode first = get("/api/credentials/batches/" + firstBatch).json();
        assertThat(first.path("delivered").asInt()).isEqualTo(1);
        assertThat(first.path("failed").asInt()).isEqualTo(1);
        JsonNode second = get("/api/credentials/batches/" + secondBatch).json();
        assertThat(second.path("delivered").asInt()).isEqualTo(1);
        assertThat(second.path("failed").asInt()).isZero();
        assertDelivery(firstBatch, twice, MessageStatus.SENT, t.plusSeconds(1));
        assertDelivery(secondBatch, twice, MessageStatus.SENT, t.plusSeconds(2));
        assertThat(records(DLT, twice)).as("a message outside any batch is not an error").isEmpty();
    }

    @Test
    void anIncompleteStatusInAPollIsDeadLetteredWithItsReasonAndTheStatusesAroundItAreApplied() {
        String before = newGuardianId();
        String after = newGuardianId();
        String incomplete = newGuardianId();
        String batchId = issuedBatch(before, after);
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        publishTogether(
                status(before, batchId, MessageStatus.SENT, t),
                status(incomplete, batchId, null, t),
                status(after, batchId, MessageStatus.FAILED, t));

        List<ConsumerRecord<String, byte[]>> dead = await().atMost(PATIENCE).until(() -> records(DLT, incomplete),
                all -> !all.isEmpty());
        awaitConsumed(Topics.NOTIFICATION_STATUS_CHANGED);
        assertThat(header(dead.get(0), Topics.DLT_REASON_HEADER))
                .isEqualTo("The record breaks the contract: notification.status-changed.v1 without status");
        assertThat(records(DLT, incomplete)).as("dead-lettered once").hasSize(1);
        assertThat(records(DLT, before)).isEmpty();
        assertThat(records(DLT, after)).isEmpty();
        assertDelivery(batchId, before, MessageStatus.SENT, t);
        assertDelivery(batchId, after, MessageStatus.FAILED, t);
    }

    /**
     * Another writer records a status between the read of a poll's items and their bulk write. The store here lets
     * it in at exactly that moment, through the real store, as another consumer would after a rebalance.
     */
    @Test
    void anItemAnotherWriterChangesBetweenTheReadAndTheBulkWriteStillEndsAtTheNewestStatus() {
        String olderWriter = newGuardianId();
        String newerWriter = newGuardianId();
        String untouched = newGuardianId();
        String batchId = issuedBatch(olderWriter, newerWriter, untouched);
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        store.recordDelivery(batchId, olderWriter, MessageStatus.SENDING, t.plusSeconds(1));
        AtomicBoolean raced = new AtomicBoolean();
        BatchStore racing = new BatchStore(mongo, settings) {
            @Override
            Map<String, Date> deliveryAt(List<String> itemIds) {
                Map<String, Date> read = super.deliveryAt(itemIds);
                if (raced.compareAndSet(false, true)) {
                    store.recordDelivery(batchId, olderWriter, MessageStatus.FAILED, t.plusSeconds(2));
                    store.recordDelivery(batchId, newerWriter, MessageStatus.FAILED, t.plusSeconds(9));
                }
                return read;
            }
        };

        racing.recordDeliveries(List.of(
                status(olderWriter, batchId, MessageStatus.SENT, t.plusSeconds(3)),
                status(newerWriter, batchId, MessageStatus.SENT, t.plusSeconds(3)),
                status(untouched, batchId, MessageStatus.SENT, t.plusSeconds(3))));

        assertThat(raced).isTrue();
        assertDelivery(batchId, olderWriter, MessageStatus.SENT, t.plusSeconds(3));
        assertDelivery(batchId, newerWriter, MessageStatus.FAILED, t.plusSeconds(9));
        assertDelivery(batchId, untouched, MessageStatus.SENT, t.plusSeconds(3));
    }

    /** Announces the guardians, asks a batch for them, and waits until each was issued a password. */
    private String issuedBatch(String... guardianIds) {
        for (String guardianId : guardianIds) {
            announce(guardianId, newEmail());
        }
        String batchId = requestBatch(guardianIds);
        for (String guardianId : guardianIds) {
            awaitIssued(guardianId, batchId);
        }
        return batchId;
    }

    private void publish(NotificationStatusChanged event) {
        kafka.send(Topics.NOTIFICATION_STATUS_CHANGED, event.guardianId(), event).join();
    }

    /** Held until flush() and sent to one partition, so that they reach the listener in one poll, in this order. */
    private void publishTogether(NotificationStatusChanged... events) {
        try (KafkaProducer<String, byte[]> together = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.LINGER_MS_CONFIG, 60_000), new StringSerializer(), new ByteArraySerializer())) {
            for (NotificationStatusChanged event : events) {
                together.send(new ProducerRecord<>(Topics.NOTIFICATION_STATUS_CHANGED, 0, event.guardianId(),
                        JSON.writeValueAsBytes(event)));
            }
            together.flush();
        }
    }

    private Document item(String batchId, String guardianId) {
        return mongo.getCollection(BatchItemDocument.COLLECTION)
                .find(new Document("_id", BatchItemDocument.idOf(batchId, guardianId))).first();
    }

    private void assertDelivery(String batchId, String guardianId, MessageStatus status, Instant at) {
        Document item = item(batchId, guardianId);
        assertThat(item.getString("delivery")).as("delivery of %s", guardianId).isEqualTo(status.name());
        assertThat(item.getDate("deliveryAt").toInstant()).as("deliveryAt of %s", guardianId).isEqualTo(at);
    }

    private static NotificationStatusChanged status(String guardianId, String batchId, MessageStatus status,
            Instant occurredAt) {
        return new NotificationStatusChanged(UUID.randomUUID(), occurredAt, "m-" + guardianId, guardianId, batchId,
                status, 1, status == MessageStatus.FAILED ? "550 mailbox unavailable" : null);
    }
}
