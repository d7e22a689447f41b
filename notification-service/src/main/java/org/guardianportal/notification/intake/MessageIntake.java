package org.guardianportal.notification.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.guardianportal.contracts.CredentialIssued;
import org.guardianportal.contracts.MessageStatus;
import org.guardianportal.notification.delivery.DeliveryWindow;
import org.guardianportal.notification.intake.MessageTemplates.RenderedMail;
import org.guardianportal.notification.message.DeliveryQueue;
import org.guardianportal.notification.message.MessageDocument;
import org.guardianportal.notification.message.MessageStore;
import org.guardianportal.notification.message.SearchWords;
import org.guardianportal.notification.message.StatusEvents;
import org.guardianportal.notification.message.TimeOrderedIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Turns issued credentials into queued mails: PENDING, due at the next delivery window, the password still
 * sealed. A credential already turned into a mail (same event id) is ignored.
 */
@Service
class MessageIntake {

    private static final Logger log = LoggerFactory.getLogger(MessageIntake.class);

    private final MessageStore store;
    private final DeliveryQueue deliveryQueue;
    private final StatusEvents statusEvents;
    private final MessageTemplates templates;
    private final DeliveryWindow window;
    private final Clock clock;

    MessageIntake(MessageStore store, DeliveryQueue deliveryQueue, StatusEvents statusEvents,
            MessageTemplates templates, DeliveryWindow window, Clock clock) {
        this.store = store;
        this.deliveryQueue = deliveryQueue;
        this.statusEvents = statusEvents;
        this.templates = templates;
        this.window = window;
        this.clock = clock;
    }

    /** Queues the mails of these credentials, already checked by {@link IssuedEventRules}, in one bulk write. */
    void queue(List<CredentialIssued> issued) {
        if (issued.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Instant due = window.next(now);
        List<MessageDocument> messages = new ArrayList<>(issued.size());
        for (CredentialIssued credential : issued) {
            messages.add(newMessage(credential, now, due));
        }
        List<MessageDocument> inserted = enqueued(messages, due);
        statusEvents.publish(inserted);
        log.info("Queued {} messages for delivery at {} ({} already known)", inserted.size(), due,
                messages.size() - inserted.size());
    }

    /**
     * Stores the messages with their delivery-queue entries, the entries first so that no PENDING message is ever
     * without one; the entries of duplicates (ids stored nowhere) are removed again.
     */
    private List<MessageDocument> enqueued(List<MessageDocument> messages, Instant due) {
        deliveryQueue.schedule(messages.stream().collect(Collectors.toMap(MessageDocument::id, message -> due)));
        List<MessageDocument> inserted = store.insertNew(messages);
        Set<String> stored = inserted.stream().map(MessageDocument::id).collect(Collectors.toSet());
        deliveryQueue.forget(messages.stream().map(MessageDocument::id).filter(id -> !stored.contains(id)).toList());
        return inserted;
    }

    private MessageDocument newMessage(CredentialIssued issued, Instant now, Instant due) {
        RenderedMail mail = templates.render(issued);
        String recipient = issued.email().trim().toLowerCase(Locale.ROOT);
        String id = TimeOrderedIds.next();
        return new MessageDocument(
                id,
                issued.eventId().toString(),
                issued.guardianId(),
                issued.batchId(),
                issued.requestedBy(),
                recipient,
                issued.firstName(),
                issued.lastName(),
                issued.locale() == null ? mail.language() : issued.locale(),
                mail.subject(),
                mail.body(),
                issued.secret(),
                MessageStatus.PENDING,
                0,
                null,
                now,
                due,
                null,
                null,
                null,
                List.of(),
                SearchWords.of(mail.subject()),
                SearchWords.of(mail.subject(), recipient, issued.firstName(), issued.lastName()),
                1,
                id,
                now);
    }
}
