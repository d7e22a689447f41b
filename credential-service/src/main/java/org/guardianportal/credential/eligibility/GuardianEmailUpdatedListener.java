package org.guardianportal.credential.eligibility;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.guardianportal.contracts.GuardianEmailUpdated;
import org.guardianportal.contracts.Topics;
import org.guardianportal.credential.messaging.PollOfEvents;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Applies announcements a poll at a time: one read and one bulk write per poll rather than two round trips per
 * event. A record that cannot be read or breaks the contract goes to the dead letters ({@link PollOfEvents}).
 */
@Component
class GuardianEmailUpdatedListener {

    private final EligibilityProjection projection;

    GuardianEmailUpdatedListener(EligibilityProjection projection) {
        this.projection = projection;
    }

    @KafkaListener(topics = Topics.GUARDIAN_EMAIL_UPDATED, batch = "true",
            containerPostProcessor = "withoutListenerTimer", properties = {
                    "spring.json.value.default.type=org.guardianportal.contracts.GuardianEmailUpdated",
                    "max.poll.records=1000"})
    void on(List<ConsumerRecord<String, GuardianEmailUpdated>> records) {
        PollOfEvents.apply(records, Topics.GUARDIAN_EMAIL_UPDATED, EligibilityProjection::check, projection::applyAll);
    }
}
