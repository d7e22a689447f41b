package org.guardianportal.credential.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.guardianportal.contracts.MessageStatus;
import org.guardianportal.contracts.NotificationStatusChanged;
import org.guardianportal.contracts.Topics;
import org.guardianportal.credential.CredentialServiceTest;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class DeliveryProgressTest extends CredentialServiceTest {

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

    private void publish(NotificationStatusChanged event) {
        kafka.send(Topics.NOTIFICATION_STATUS_CHANGED, event.guardianId(), event).join();
    }

    private static NotificationStatusChanged status(String guardianId, String batchId, MessageStatus status,
            Instant occurredAt) {
        return new NotificationStatusChanged(UUID.randomUUID(), occurredAt, "m-" + guardianId, guardianId, batchId,
                status, 1, status == MessageStatus.FAILED ? "550 mailbox unavailable" : null);
    }
}
