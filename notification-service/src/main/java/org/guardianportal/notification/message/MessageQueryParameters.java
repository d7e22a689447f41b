package org.guardianportal.notification.message;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.guardianportal.contracts.MessageStatus;
import org.guardianportal.web.BrokenRule;
import org.guardianportal.web.InvalidRequestException;

/** Reads the text of query parameters into typed filters, collecting every problem before refusing. */
final class MessageQueryParameters {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 500;

    private final List<BrokenRule> problems = new ArrayList<>();

    /** A parsed log query: filters and page. */
    record LogQuery(MessageSearch search, int page, int size) {
    }

    static LogQuery parse(String q, String subject, String recipient, String status, String batchId,
            String guardianId, String requestedBy, String from, String to, String page, String size) {
        MessageQueryParameters parameters = new MessageQueryParameters();
        Instant fromInstant = parameters.instant("from", from);
        Instant toInstant = parameters.instant("to", to);
        parameters.checkPeriod(fromInstant, toInstant);
        MessageSearch search = new MessageSearch(
                SearchWords.of(blankToNull(q)),
                SearchWords.of(blankToNull(subject)),
                recipient(recipient),
                parameters.status("status", status, MessageStatus.values()),
                blankToNull(batchId),
                blankToNull(guardianId),
                blankToNull(requestedBy),
                fromInstant,
                toInstant);
        int pageNumber = parameters.integer("page", page, 0, 0, Integer.MAX_VALUE);
        int pageSize = parameters.integer("size", size, DEFAULT_SIZE, 1, MAX_SIZE);
        parameters.refuseIfAny();
        return new LogQuery(search, pageNumber, pageSize);
    }

    /** The selection of a bulk replay: a FAILED or SENT status, an optional batch and creation period. */
    record ReplaySelection(MessageStatus status, String batchId, Instant from, Instant to) {
    }

    static ReplaySelection parseReplays(MessageViews.ReplaysRequest request) {
        MessageQueryParameters parameters = new MessageQueryParameters();
        MessageStatus status = null;
        if (blankToNull(request.status()) == null) {
            parameters.problems.add(new BrokenRule("status", "replay.statusRequired"));
        } else {
            status = parameters.status("status", request.status(), MessageStatus.FAILED, MessageStatus.SENT);
        }
        Instant from = parameters.instant("from", request.from());
        Instant to = parameters.instant("to", request.to());
        parameters.checkPeriod(from, to);
        parameters.refuseIfAny();
        return new ReplaySelection(status, blankToNull(request.batchId()), from, to);
    }

    static String recipient(String recipient) {
        String address = blankToNull(recipient);
        return address == null ? null : address.trim().toLowerCase(Locale.ROOT);
    }

    private MessageStatus status(String field, String value, MessageStatus... allowed) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        for (MessageStatus status : allowed) {
            if (status.name().equalsIgnoreCase(text.trim())) {
                return status;
            }
        }
        problems.add(new BrokenRule(field, "query.notOneOf", text, Arrays.toString(allowed)));
        return null;
    }

    private Instant instant(String field, String value) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            problems.add(new BrokenRule(field, "query.instant", text));
            return null;
        }
    }

    private void checkPeriod(Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            problems.add(new BrokenRule("to", "query.period"));
        }
    }

    private int integer(String field, String value, int absent, int min, int max) {
        String text = blankToNull(value);
        if (text == null) {
            return absent;
        }
        try {
            int number = Integer.parseInt(text.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below, with the accepted range
        }
        problems.add(max == Integer.MAX_VALUE ? new BrokenRule(field, "query.wholeNumberFrom", text, min)
                : new BrokenRule(field, "query.wholeNumber", text, min, max));
        return absent;
    }

    private void refuseIfAny() {
        if (!problems.isEmpty()) {
            throw problems.size() == 1 ? new InvalidRequestException(problems.get(0))
                    : new InvalidRequestException(problems, "request.invalid.several", problems.size());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
