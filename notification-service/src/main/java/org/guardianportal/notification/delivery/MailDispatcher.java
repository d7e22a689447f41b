package org.guardianportal.notification.delivery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.guardianportal.notification.NotificationSettings;
import org.guardianportal.notification.message.MessageBody;
import org.guardianportal.notification.message.MessageDocument;
import org.guardianportal.secret.SecretSealer;
import org.guardianportal.secret.SecretUnreadableException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends a claimed chunk in one {@link JavaMailSender#send(MimeMessage...)} call, which keeps one SMTP connection for
 * the whole chunk (one connection per mail is about fifty times slower); with {@code connections} above one, the
 * chunk is shared over that many connections sending at once, for servers far away. The password is opened here,
 * put into the mail, and kept nowhere else.
 */
@Component
class MailDispatcher implements DisposableBean {

    private static final int MAX_ERROR_LENGTH = 500;
    /**
     * The body's encoding, said for every mail (what Jakarta Mail picks for text that is not all ASCII): otherwise it
     * reads each body through to choose one when the mail is saved, nearly half of saving it (JFR of a quick B4).
     */
    private static final String TRANSFER_ENCODING = "Content-Transfer-Encoding";
    private static final String QUOTED_PRINTABLE = "quoted-printable";
    /**
     * Jakarta Mail looks its stream provider up again for every mail it writes (two or three times: the body, the
     * encoded subject), by a {@code ServiceLoader} scan of every jar of the application unless this system property
     * names the class (jakartaee/mail-api#861). In this service's packaged jar that scan was half the CPU of sending.
     */
    static final String STREAM_PROVIDER_PROPERTY = "jakarta.mail.util.StreamProvider";
    static final String STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

    private final JavaMailSender mailSender;
    private final SecretSealer sealer;
    private final InternetAddress from;
    private final int connections;
    private final ExecutorService smtpConnections;

    MailDispatcher(JavaMailSender mailSender, SecretSealer sealer, NotificationSettings settings,
            DeliverySettings delivery) throws AddressException {
        this.mailSender = mailSender;
        this.sealer = sealer;
        this.from = new InternetAddress(settings.mail().from(), true);
        this.connections = delivery.connections();
        if (System.getProperty(STREAM_PROVIDER_PROPERTY) == null) {
            System.setProperty(STREAM_PROVIDER_PROPERTY, STREAM_PROVIDER);
        }
        AtomicInteger threads = new AtomicInteger();
        this.smtpConnections = Executors.newFixedThreadPool(connections, task -> {
            Thread thread = new Thread(task, "smtp-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void destroy() {
        smtpConnections.shutdownNow();
    }

    /**
     * Sends the messages; those not in the returned map were accepted by the SMTP server.
     *
     * @return the error of each message that was not sent, by message id
     */
    Map<String, String> send(List<MessageDocument> messages) {
        Map<String, String> failures = new LinkedHashMap<>();
        Map<MimeMessage, String> idByMail = new IdentityHashMap<>();
        List<MimeMessage> mails = new ArrayList<>(messages.size());
        for (MessageDocument message : messages) {
            try {
                MimeMessage mail = compose(message);
                idByMail.put(mail, message.id());
                mails.add(mail);
            } catch (SecretUnreadableException e) {
                failures.put(message.id(), "The password cannot be decrypted: " + e.getMessage());
            } catch (MessagingException | RuntimeException e) {
                failures.put(message.id(), "The mail cannot be written: " + describe(e));
            }
        }
        if (mails.isEmpty()) {
            return failures;
        }
        if (connections == 1) {
            failures.putAll(sendOverOneConnection(mails, idByMail));
            return failures;
        }
        int partSize = (mails.size() + connections - 1) / connections;
        List<Future<Map<String, String>>> parts = new ArrayList<>();
        for (int start = 0; start < mails.size(); start += partSize) {
            List<MimeMessage> part = mails.subList(start, Math.min(start + partSize, mails.size()));
            parts.add(smtpConnections.submit(() -> sendOverOneConnection(part, idByMail)));
        }
        for (Future<Map<String, String>> part : parts) {
            failures.putAll(outcome(part));
        }
        return failures;
    }


    /** One connection for the whole part; the failed mails of a part are those the exception names. */
    private Map<String, String> sendOverOneConnection(List<MimeMessage> part, Map<MimeMessage, String> idByMail) {
        Map<String, String> failures = new LinkedHashMap<>();
        try {
            mailSender.send(part.toArray(MimeMessage[]::new));
        } catch (MailSendException e) {
            Map<Object, Exception> failed = e.getFailedMessages();
            if (failed.isEmpty()) {
                part.forEach(mail -> failures.put(idByMail.get(mail), describe(e)));
            }
            failed.forEach((mail, cause) -> failures.put(idByMail.get(mail), describe(cause)));
        } catch (MailException e) {
            // authentication refused or any other failure before the first mail: the whole part failed
            part.forEach(mail -> failures.put(idByMail.get(mail), describe(e)));
        }
        return failures;
    }

    private static Map<String, String> outcome(Future<Map<String, String>> part) {
        try {
            return part.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while mails were being sent", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Sending a part of the chunk failed", e.getCause());
        }
    }

    private MimeMessage compose(MessageDocument message) throws MessagingException {
        String password = sealer.open(message.secret(), message.guardianId());
        MimeMessage mail = mailSender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(mail, false, StandardCharsets.UTF_8.name());
        helper.setFrom(from);
        helper.setTo(new InternetAddress(message.recipient(), true));
        helper.setSubject(message.subject());
        helper.setText(MessageBody.withPassword(message.body(), password), false);
        mail.setHeader(TRANSFER_ENCODING, QUOTED_PRINTABLE);
        return mail;
    }

    /** The error as an operator reads it in the log: the exception and, if different, its root cause. */
    static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = String.valueOf(error.getMessage());
        if (root != error && root.getMessage() != null && !text.contains(root.getMessage())) {
            text = text + ": " + root.getMessage();
        }
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }
}
