package org.guardianportal.credential.batch;

import org.guardianportal.contracts.NotificationStatusChanged;
import org.guardianportal.contracts.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
class DeliveryStatusListener {

    private final Batches batches;

    DeliveryStatusListener(Batches batches) {
        this.batches = batches;
    }

    @KafkaListener(topics = Topics.NOTIFICATION_STATUS_CHANGED,
            properties = "spring.json.value.default.type=org.guardianportal.contracts.NotificationStatusChanged")
    void on(NotificationStatusChanged event) {
        batches.recordDelivery(event);
    }
}
