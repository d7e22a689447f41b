package org.guardianportal.notification.intake;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.guardianportal.contracts.CredentialIssued;
import org.guardianportal.notification.NotificationSettings;
import org.guardianportal.notification.message.MessageBody;
import org.springframework.stereotype.Component;

/**
 * The mail a guardian receives with a temporary password, in French (the default) or English. The body is
 * rendered with {@link MessageBody#PASSWORD_PLACEHOLDER} instead of the password.
 */
@Component
class MessageTemplates {

    static final String FRENCH = "fr";
    static final String ENGLISH = "en";

    private final String portalUrl;
    private final ZoneId zone;

    MessageTemplates(NotificationSettings settings) {
        this.portalUrl = settings.portalUrl().toString();
        this.zone = settings.mail().timeZone();
    }

    record RenderedMail(String language, String subject, String body) {
    }

    RenderedMail render(CredentialIssued issued) {
        String name = fullName(issued.firstName(), issued.lastName());
        // the portal login is the address, compared without case
        String login = clean(issued.email()).toLowerCase(Locale.ROOT);
        if (isEnglish(issued.locale())) {
            return new RenderedMail(ENGLISH, "Your Family Portal password", english(name, login, issued.expiresAt()));
        }
        return new RenderedMail(FRENCH, "Votre mot de passe Portail Famille", french(name, login, issued.expiresAt()));
    }

    static boolean isEnglish(String locale) {
        return locale != null && locale.trim().toLowerCase(Locale.ROOT).startsWith("en");
    }

    private String french(String name, String login, Instant expiresAt) {
        String validity = expiresAt == null ? "Ce mot de passe est temporaire."
                : "Ce mot de passe est valable jusqu'au "
                        + DateTimeFormatter.ofPattern("d MMMM yyyy 'à' HH:mm", Locale.FRENCH)
                                .format(expiresAt.atZone(zone))
                        + " (" + zone.getId() + ").";
        return (name.isEmpty() ? "Bonjour," : "Bonjour " + name + ",") + "\n"
                + "\n"
                + "Votre accès au Portail Famille est prêt.\n"
                + "\n"
                + "Identifiant : " + login + "\n"
                + "Mot de passe temporaire : " + MessageBody.PASSWORD_PLACEHOLDER + "\n"
                + "\n"
                + validity + "\n"
                + "Vous devrez le changer lors de votre première connexion.\n"
                + "\n"
                + "Pour vous connecter : " + portalUrl + "\n"
                + "\n"
                + "Ce message vous est envoyé automatiquement, merci de ne pas y répondre.\n";
    }

    private String english(String name, String login, Instant expiresAt) {
        String validity = expiresAt == null ? "This password is temporary."
                : "This password is valid until "
                        + DateTimeFormatter.ofPattern("d MMMM yyyy 'at' HH:mm", Locale.ENGLISH)
                                .format(expiresAt.atZone(zone))
                        + " (" + zone.getId() + ").";
        return (name.isEmpty() ? "Hello," : "Hello " + name + ",") + "\n"
                + "\n"
                + "Your Family Portal account is ready.\n"
                + "\n"
                + "Login: " + login + "\n"
                + "Temporary password: " + MessageBody.PASSWORD_PLACEHOLDER + "\n"
                + "\n"
                + validity + "\n"
                + "You must change it the first time you log in.\n"
                + "\n"
                + "Log in at: " + portalUrl + "\n"
                + "\n"
                + "This message was sent automatically; please do not reply.\n";
    }

    private static String fullName(String firstName, String lastName) {
        return (clean(firstName) + " " + clean(lastName)).trim();
    }

    /**
     * Values from other systems lose braces and line breaks, so that no name can carry a second password
     * placeholder or reshape the mail.
     */
    private static String clean(String value) {
        return value == null ? "" : value.replaceAll("[{}\\r\\n\\t]", " ").replaceAll(" {2,}", " ").trim();
    }
}
