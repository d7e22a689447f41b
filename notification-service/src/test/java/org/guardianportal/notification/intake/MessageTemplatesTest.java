package org.guardianportal.notification.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

import org.guardianportal.contracts.CredentialIssued;
import org.guardianportal.contracts.SealedSecret;
import org.guardianportal.notification.NotificationSettings;
import org.guardianportal.notification.message.MessageBody;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class MessageTemplatesTest {

    private final MessageTemplates templates = new MessageTemplates(new NotificationSettings(
            URI.create("https://portail.example.org/"),
            new NotificationSettings.Mail("no-reply@example.org", ZoneId.of("Europe/Paris")),
            "unused", DataSize.ofKilobytes(64), new NotificationSettings.TopicLayout(1, (short) 1)));

    @Test
    void frenchIsTheDefaultAndItsSubjectSaysMotDePasse() {
        MessageTemplates.RenderedMail mail = templates.render(issued("Jean", "Dupont", null));

        assertThat(mail.language()).isEqualTo("fr");
        assertThat(mail.subject()).contains("mot de passe");
        assertThat(mail.body()).contains("Bonjour Jean Dupont,", "Identifiant : jean.dupont@example.org",
                "Mot de passe temporaire : " + MessageBody.PASSWORD_PLACEHOLDER,
                "valable jusqu'au 1 octobre 2025 à 10:00 (Europe/Paris)", "première connexion",
                "https://portail.example.org/");
    }

    @Test
    void anEnglishLocaleGetsTheEnglishMail() {
        MessageTemplates.RenderedMail mail = templates.render(issued("Jean", "Dupont", "EN_us"));

        assertThat(mail.language()).isEqualTo("en");
        assertThat(mail.subject()).isEqualTo("Your Family Portal password");
        assertThat(mail.body()).contains("Hello Jean Dupont,", "Login: jean.dupont@example.org",
                "valid until 1 October 2025 at 10:00 (Europe/Paris)", "first time you log in");
    }

    @Test
    void anotherLanguageFallsBackToFrench() {
        assertThat(templates.render(issued("Jean", "Dupont", "de-DE")).subject())
                .isEqualTo("Votre mot de passe Portail Famille");
    }

    @Test
    void aNameCannotSmuggleASecondPasswordPlaceholder() {
        MessageTemplates.RenderedMail mail = templates.render(issued("{{password}}", "Dupont\nBcc: x", null));

        assertThat(mail.body().indexOf(MessageBody.PASSWORD_PLACEHOLDER))
                .isEqualTo(mail.body().lastIndexOf(MessageBody.PASSWORD_PLACEHOLDER));
        assertThat(mail.body()).startsWith("Bonjour password Dupont Bcc: x,\n");
    }

    @Test
    void aGuardianWithoutNameIsGreetedPlainly() {
        assertThat(templates.render(issued(null, null, null)).body()).startsWith("Bonjour,\n");
    }

    private static CredentialIssued issued(String firstName, String lastName, String locale) {
        return new CredentialIssued(UUID.randomUUID(), Instant.now(), "g-1", "b-1", "admin",
                "Jean.Dupont@Example.org", firstName, lastName, locale, Instant.parse("2025-10-01T08:00:00Z"),
                new SealedSecret(SealedSecret.A256GCM, "k", "iv", "ct"));
    }
}
