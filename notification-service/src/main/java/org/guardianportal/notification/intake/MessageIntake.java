package org.guardianportal.notification.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.guardianportal.contracts.CredentialIssued;
import org.guardianportal.contracts.MessageStatus;
import org.guardianportal.notification.delivery.DeliveryWindow;
import org.guardianportal.notification.intake.MessageTemplates.RenderedMail;
import org.guardianportal.notification.message.MessageDocument;
import org.guardianportal.notification.message.MessageStore;
import org.guardianportal.notification.message.SearchWords;
import org.guardianportal.notification.message.StatusEvents;
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
    private final StatusEvents statusEvents;
    private final MessageTemplates templates;
    private final DeliveryWindow window;
    private final Clock clock;

    MessageIntake(MessageStore store, StatusEvents statusEvents, MessageTemplates templates, DeliveryWindow window,
            Clock clock) {
        this.store = store;
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
        List<MessageDocument> inserted = store.insertNew(messages);
        statusEvents.publish(inserted);
        log.info("Queued {} messages for delivery at {} ({} already known)", inserted.size(), due,
                messages.size() - inserted.size());
    }

    private MessageDocument newMessage(CredentialIssued issued, Instant now, Instant due) {
        RenderedMail mail = templates.render(issued);
        String recipient = issued.email().trim().toLowerCase(Locale.ROOT);
        return new MessageDocument(
                UUID.randomUUID().toString(),
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
                true,
                now);
    }
}
