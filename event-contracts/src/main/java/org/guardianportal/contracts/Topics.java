package org.guardianportal.contracts;

/** Topic names of the contract (SPEC §5). Every record is keyed by guardianId. */
public final class Topics {

    /** Guardian records published by district systems. */
    public static final String GUARDIAN_UPDATES = "guardian.updates.v1";
    /** District records that could not be parsed or were invalid, with the reason in a header. */
    public static final String GUARDIAN_UPDATES_DLT = "guardian.updates.v1.dlt";
    public static final String GUARDIAN_EMAIL_UPDATED = "guardian.email-updated.v1";
    public static final String CREDENTIAL_COMMANDS = "credential.commands.v1";
    public static final String CREDENTIAL_ISSUED = "credential.issued.v1";
    public static final String CREDENTIAL_REJECTED = "credential.rejected.v1";
    public static final String NOTIFICATION_STATUS_CHANGED = "notification.status-changed.v1";

    /** Header of a dead-letter record that says, in words, why it was refused. */
    public static final String DLT_REASON_HEADER = "dlt-reason";

    /**
     * Header of a dead-letter record that names its reason as the refusing service can word it again, in another
     * language (its code and values, in that service's own form); absent when the reason has no such name.
     */
    public static final String DLT_REASON_KEY_HEADER = "dlt-reason-key";

    /** Suffix of the dead-letter topic of every consumed topic. */
    public static final String DLT_SUFFIX = ".dlt";

    private Topics() {
    }
}
