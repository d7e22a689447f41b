package org.guardianportal.credential.eligibility;

import org.guardianportal.contracts.GuardianEmailUpdated;
import org.guardianportal.contracts.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
class GuardianEmailUpdatedListener {

    private static final Logger log = LoggerFactory.getLogger(GuardianEmailUpdatedListener.class);

    private final EligibilityProjection projection;

    GuardianEmailUpdatedListener(EligibilityProjection projection) {
        this.projection = projection;
    }

    @KafkaListener(topics = Topics.GUARDIAN_EMAIL_UPDATED,
            properties = "spring.json.value.default.type=org.guardianportal.contracts.GuardianEmailUpdated")
    void on(GuardianEmailUpdated event) {
        if (!projection.apply(event)) {
            log.debug("Ignored event {} for guardian {}: a later one was applied", event.eventId(), event.guardianId());
        }
    }
}
