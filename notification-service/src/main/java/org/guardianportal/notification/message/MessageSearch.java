package org.guardianportal.notification.message;

import java.time.Instant;
import java.util.List;

import org.guardianportal.contracts.MessageStatus;

/**
 * The filters of a message log search; every filter that is set must match. Word lists are already normalised
 * by {@link SearchWords}; {@code from} is inclusive and {@code to} exclusive, both on the creation time.
 */
record MessageSearch(
        List<String> words,
        List<String> subjectWords,
        String recipient,
        MessageStatus status,
        String batchId,
        String guardianId,
        String requestedBy,
        Instant from,
        Instant to) {
}
