package org.guardianportal.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * The embedded SMTP server (GreenMail): it accepts every message, keeps it in memory for the tests, and, when asked,
 * also writes it as an {@code .eml} file that a person can open.
 */
public final class MailCapture implements AutoCloseable {

    private final GreenMail greenMail;

    private MailCapture(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    static MailCapture start(int port, Path mailDir) throws IOException {
        GreenMail greenMail = new GreenMail(new ServerSetup(port, "localhost", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        if (mailDir != null) {
            Files.createDirectories(mailDir);
            saveEveryMessageTo(greenMail, mailDir);
        }
        return new MailCapture(greenMail);
    }

    private static void saveEveryMessageTo(GreenMail greenMail, Path mailDir) {
        var users = greenMail.getUserManager();
        MessageDeliveryHandler keepInMemory = users.getMessageDeliveryHandler();
        AtomicLong sequence = new AtomicLong(System.currentTimeMillis());
        users.setMessageDeliveryHandler((message, address) -> {
            Path file = mailDir.resolve(sequence.incrementAndGet() + "-" + address.getEmail().replaceAll("[^\\w.@-]", "_") + ".eml");
            try (OutputStream out = Files.newOutputStream(file)) {
                message.getMessage().writeTo(out);
            } catch (IOException e) {
                throw new MessagingException("could not save the captured message to " + file, e);
            }
            return keepInMemory.handle(message, address);
        });
    }

    /** Every message received so far. */
    public List<MimeMessage> receivedMessages() {
        return List.of(greenMail.getReceivedMessages());
    }

    /** Stops accepting mail, as a crashed SMTP server would. */
    public void stop() {
        greenMail.stop();
    }

    /** Accepts mail again on the same port; messages received before are kept. */
    public void restart() {
        greenMail.start();
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
