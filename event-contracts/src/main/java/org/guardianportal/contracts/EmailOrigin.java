package org.guardianportal.contracts;

/** Who changed a guardian's email: an administrator through the API, or a district system through Kafka. */
public enum EmailOrigin {
    ADMIN,
    DISTRICT_SYNC
}
