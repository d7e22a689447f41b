package org.guardianportal.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class SentTallyTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    private final SentTally tally = new SentTally();
    private long offset;

    @Test
    void eachMessageReportedSentCountsOncePerBatch() {
        take(event("m1", "b1", "SENT", T0));
        take(event("m2", "b1", "SENT", T0));
        take(event("m1", "b1", "SENT", T0.plusSeconds(1)));
        take(event("m3", "b2", "SENT", T0));

        assertThat(tally.sentSince("b1", T0)).isEqualTo(2);
        assertThat(tally.sentSince("b2", T0)).isEqualTo(1);
        assertThat(tally.sentSince("unknown", T0)).isZero();
    }

    /** B4 replays a batch that was sent before: only the sends at or after its start count. */
    @Test
    void aMessageSentAgainCountsFromItsLatestSend() {
        take(event("m1", "b1", "SENT", T0));
        take(event("m2", "b1", "SENT", T0));
        Instant replay = T0.plusSeconds(60);
        take(event("m1", "b1", "SENT", replay.plusMillis(5)));
        // an older event arriving late does not hide the newer send
        take(event("m1", "b1", "SENT", T0.plusSeconds(2)));

        assertThat(tally.sentSince("b1", replay)).isEqualTo(1);
    }

    @Test
    void batchesAreSummedByTheirPrefix() {
        take(event("m1", "seed-0", "SENT", T0));
        take(event("m2", "seed-1", "SENT", T0));
        take(event("m3", "b1", "SENT", T0));

        assertThat(tally.sentInBatches("seed-")).isEqualTo(2);
    }

    @Test
    void failuresAreCountedAndOtherStatusesPassedOver() {
        take(event("m1", "b1", "FAILED", T0));
        take(event("m2", "b1", "SENDING", T0));
        take(event("m3", "b1", "PENDING", T0));

        assertThat(tally.failed()).isEqualTo(1);
        assertThat(tally.sentSince("b1", T0)).isZero();
    }

    @Test
    void anUnreadableEventIsLeftOutAndTheNextOnesAreStillTaken() {
        take("{not json");
        take("{\"messageId\":\"m1\",\"batchId\":\"b1\",\"status\":\"SENT\"}"); // no occurredAt
        take("{\"messageId\":\"m2\",\"batchId\":\"b1\",\"status\":\"SENT\",\"occurredAt\":\"yesterday\"}");
        take(event("m3", "b1", "SENT", T0));

        assertThat(tally.sentSince("b1", T0.minusSeconds(3600))).isEqualTo(1);
        assertThat(tally.failed()).isZero();
    }

    private void take(String event) {
        tally.take(event, offset++);
    }

    /** As notification-service publishes it (NotificationStatusChanged as JSON). */
    private static String event(String messageId, String batchId, String status, Instant at) {
        return "{\"eventId\":\"0b7e2f6a-6f3c-4c1e-9d6e-1f2a3b4c5d6e\",\"occurredAt\":\"" + at + "\",\"messageId\":\""
                + messageId + "\",\"guardianId\":\"g1\",\"batchId\":\"" + batchId + "\",\"status\":\"" + status
                + "\",\"attempts\":1,\"lastError\":null}";
    }
}
