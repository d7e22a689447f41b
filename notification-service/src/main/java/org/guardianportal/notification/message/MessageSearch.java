package org.guardianportal.notification.message;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

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

    /** Whether only status or creation period are filtered: nothing a search chain is kept for. */
    boolean hasNoKey() {
        return words.isEmpty() && subjectWords.isEmpty() && recipient == null && batchId == null
                && guardianId == null && requestedBy == null;
    }

    /** Whether status or creation period are filtered, which no search chain answers. */
    boolean filtersStatusOrPeriod() {
        return status != null || from != null || to != null;
    }

    /**
     * Whether a message matches every filter; checked here for the candidates found by id, since a store that cannot
     * use secondary indexes would scan the log for any filter beside the ids.
     */
    boolean matches(MessageDocument message) {
        return contains(message.words(), words)
                && contains(message.subjectWords(), subjectWords)
                && equal(recipient, message.recipient())
                && equal(status, message.status())
                && equal(batchId, message.batchId())
                && equal(guardianId, message.guardianId())
                && equal(requestedBy, message.requestedBy())
                && (from == null || !message.createdAt().isBefore(from))
                && (to == null || message.createdAt().isBefore(to));
    }

    private static boolean contains(List<String> stored, List<String> wanted) {
        return wanted.isEmpty() || stored != null && stored.containsAll(wanted);
    }

    private static boolean equal(Object wanted, Object stored) {
        return wanted == null || Objects.equals(wanted, stored);
    }
}
