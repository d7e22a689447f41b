package org.guardianportal.guardian.districtsync;

import org.guardianportal.contracts.GuardianUpdate;
import org.guardianportal.contracts.Topics;
import org.guardianportal.guardian.guardian.GuardianService;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Applies district records: upsert by (source, externalId); the same record twice changes nothing. */
@Component
class DistrictUpdateListener {

    private final GuardianService guardians;

    DistrictUpdateListener(GuardianService guardians) {
        this.guardians = guardians;
    }

    @KafkaListener(id = "district-sync", idIsGroup = false, topics = Topics.GUARDIAN_UPDATES)
    void apply(GuardianUpdate record) {
        guardians.applyDistrictRecord(record);
    }
}
