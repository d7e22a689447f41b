package org.guardianportal.notification;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/** One GreenMail SMTP server for the whole test run, on a free port, that a test can stop and start again. */
public final class TestSmtp {

    private static final int PORT = freePort();
    private static GreenMail server = start();

    private TestSmtp() {
    }

    public static int port() {
        return PORT;
    }

    /** Simulates an SMTP outage. */
    public static synchronized void stop() {
        server.stop();
    }

    public static synchronized void restart() {
        if (!server.isRunning()) {
            server = start();
        }
    }

    /** The mails received for this address, in arrival order. */
    public static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(server.getReceivedMessages())
                .filter(mail -> isFor(mail, address))
                .toList();
    }

    public static List<MimeMessage> allMails() {
        return List.of(server.getReceivedMessages());
    }

    private static boolean isFor(MimeMessage mail, String address) {
        try {
            Address[] recipients = mail.getAllRecipients();
            return recipients != null && Arrays.stream(recipients)
                    .anyMatch(recipient -> recipient.toString().equalsIgnoreCase(address));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static GreenMail start() {
        GreenMail greenMail = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        return greenMail;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
