package org.guardianportal.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * The embedded SMTP server (GreenMail): it accepts every message, keeps it in memory when tests read it, and, when
 * asked, writes it as an {@code .eml} file that a person can open.
 */
public final class MailCapture implements AutoCloseable {

    /**
     * GreenMail reads each mail it receives with Jakarta Mail, which looks its stream provider up again for every
     * mail, by a ServiceLoader scan of every jar on the class path, unless this system property names it
     * (jakartaee/mail-api#861): that scan was half the SMTP server's CPU.
     */
    static final String STREAM_PROVIDER_PROPERTY = "jakarta.mail.util.StreamProvider";
    static final String STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

    private final GreenMail greenMail;

    private MailCapture(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    /**
     * {@code mailDir}: where each message is also written, or null. {@code keepInMemory}: whether
     * {@link #receivedMessages()} lists them; the launch command keeps none, since nothing in it reads them and a long
     * run would fill its heap.
     */
    static MailCapture start(int port, Path mailDir, boolean keepInMemory) throws IOException {
        if (System.getProperty(STREAM_PROVIDER_PROPERTY) == null) {
            System.setProperty(STREAM_PROVIDER_PROPERTY, STREAM_PROVIDER);
        }
        GreenMail greenMail = new GreenMail(new ServerSetup(port, "localhost", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        if (mailDir != null) {
            Files.createDirectories(mailDir);
        }
        var users = greenMail.getUserManager();
        MessageDeliveryHandler keepInMailbox = users.getMessageDeliveryHandler();
        AtomicLong sequence = new AtomicLong(System.currentTimeMillis());
        users.setMessageDeliveryHandler((message, address) -> {
            if (mailDir != null) {
                save(message, mailDir.resolve(sequence.incrementAndGet() + "-"
                        + address.getEmail().replaceAll("[^\\w.@-]", "_") + ".eml"));
            }
            return keepInMemory ? keepInMailbox.handle(message, address) : new Unkept(address.getEmail());
        });
        return new MailCapture(greenMail);
    }

    private static void save(MovingMessage message, Path file) throws MessagingException {
        try (OutputStream out = Files.newOutputStream(file)) {
            message.getMessage().writeTo(out);
        } catch (IOException e) {
            throw new MessagingException("could not save the captured message to " + file, e);
        }
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

    /** A recipient whose mail is accepted and not kept: GreenMail delivers to it, and it stores nothing. */
    private record Unkept(String email) implements GreenMailUser {

        @Override
        public String getEmail() {
            return email;
        }

        @Override
        public String getLogin() {
            return email;
        }

        @Override
        public void deliver(MovingMessage message) {
        }

        @Override
        public void deliver(MimeMessage message) {
        }

        @Override
        public void create() {
        }

        @Override
        public void delete() {
        }

        @Override
        public String getPassword() {
            return null;
        }

        @Override
        public void setPassword(String password) {
            throw new UnsupportedOperationException("a recipient of captured mail has no mailbox");
        }

        @Override
        public void authenticate(String password) {
            throw new UnsupportedOperationException("a recipient of captured mail has no mailbox");
        }

        @Override
        public String getQualifiedMailboxName() {
            return email;
        }
    }
}
