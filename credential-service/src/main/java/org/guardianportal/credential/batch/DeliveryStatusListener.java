package org.guardianportal.credential.batch;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.guardianportal.contracts.NotificationStatusChanged;
import org.guardianportal.contracts.Topics;
import org.guardianportal.credential.messaging.PollOfEvents;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Applies delivery statuses a poll at a time: one read and one bulk write per poll rather than two round trips per
 * event (every password mail sends three or more). A poll waits for up to half a second of events (or 256 KB of
 * them), so that statuses arriving a few at a time are still written together. A record that cannot be read or
 * breaks the contract goes to the dead letters ({@link PollOfEvents}).
 */
@Component
class DeliveryStatusListener {

    private final Batches batches;

    DeliveryStatusListener(Batches batches) {
        this.batches = batches;
    }

    @KafkaListener(topics = Topics.NOTIFICATION_STATUS_CHANGED, batch = "true",
            containerPostProcessor = "withoutListenerTimer", properties = {
                    "spring.json.value.default.type=org.guardianportal.contracts.NotificationStatusChanged",
                    "max.poll.records=1000", "fetch.min.bytes=262144", "fetch.max.wait.ms=500"})
    void on(List<ConsumerRecord<String, NotificationStatusChanged>> records) {
        PollOfEvents.apply(records, Topics.NOTIFICATION_STATUS_CHANGED, Batches::check, batches::recordDeliveries);
    }
}
