package org.guardianportal.contracts;

import java.time.Instant;
import java.util.UUID;

/** {@code credential.commands.v1}: one guardian of a batch to receive a temporary password. */
public record CredentialCommand(
        UUID commandId,
        CommandType type,
        String guardianId,
        String batchId,
        String requestedBy,
        Instant requestedAt) {

    public enum CommandType {
        GENERATE_PASSWORD
    }
}
