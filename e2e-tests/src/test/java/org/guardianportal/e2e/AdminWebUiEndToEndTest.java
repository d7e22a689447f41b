package org.guardianportal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.guardianportal.e2e.GatewayClient.Response;
import org.guardianportal.launcher.LocalSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;

/**
 * SPEC §1 done by people in the admin web UI, in a real (headless) browser, against the whole system started by the
 * launcher. Only the fixtures (guardians as a district system would create them) and the waits on eventual
 * consistency use the API.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminWebUiEndToEndTest {

    private static final Pattern PASSWORD_IN_MAIL =
            Pattern.compile("(?i)(?:mot de passe temporaire|temporary password)\\s*:\\s*(\\S+)");

    @RegisterExtension
    static final Browser browser = new Browser();

    private static LocalSystem system;
    private static String gateway;
    private static String kafka;
    private static GatewayClient api;
    private static String camille;
    private static String hugo;
    private static String ines;
    private static String noe;

    @BeforeAll
    static void startTheWholeSystemAndABrowser() throws Exception {
        SystemUnderTest.Started started = SystemUnderTest.start("ui-e2e-data", Map.of(
                "NOTIFICATION_DELIVERY_WINDOW", "1s",
                // a message to an SMTP server that is down becomes FAILED within seconds, not minutes
                "NOTIFICATION_ARGS", "--notification.delivery.max-attempts=2"
                        + " --notification.delivery.retry.initial-backoff=1s --notification.delivery.retry.max-backoff=1s"));
        system = started.system();
        gateway = started.gatewayUrl();
        kafka = started.kafkaBootstrapServers();
        api = GatewayClient.as(gateway, "admin", "admin");

        camille = createGuardian("Camille", "Lefèvre");
        hugo = createGuardian("Hugo", "Martin");
        ines = createGuardian("Inès", "Moreau");
        noe = createGuardian("Noé", "Garnier");

        browser.start();
    }

    @AfterAll
    static void stopEverything() {
        browser.close();
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void administratorRecordsEmailsGeneratesPasswordsAndRevealsOne() throws Exception {
        browser.open(gateway + "/");
        browser.find("#username");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/login");
        assertThat(browser.find("h1").getText()).isEqualTo("Connexion à l'administration");
        browser.screenshot("01-connexion");
        browser.button("English").click();
        browser.text("h1", "Sign in to administration");
        browser.button("Français").click();
        browser.text("h1", "Connexion à l'administration");
        signIn("admin");
        browser.text("main h1", "Responsables");

        // one email, edited in place: the server's refusal shows beside the field, then a valid address is saved
        browser.type("#guardian-q", "lefevre");
        browser.button("Rechercher").click();
        browser.until(d -> d.findElements(By.cssSelector("#guardian-results tbody tr")).size() == 1 ? true : null,
                "the search, accent-insensitive, to keep only Camille Lefèvre");
        WebElement row = browser.find("tr[data-guardian-id='" + camille + "']");
        row.findElement(By.xpath(".//button[normalize-space()='Modifier']")).click();
        WebElement email = browser.find("tr[data-guardian-id='" + camille + "'] input[type=email]");
        email.sendKeys("pas-une-adresse");
        browser.button("Enregistrer").click();
        WebElement refusal = browser.until(d -> {
            WebElement error = d.findElement(By.cssSelector(".field-error"));
            return error.getText().isBlank() ? null : error;
        }, "the email's validation message");
        assertThat(email.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(refusal.getText()).contains("l’adresse n’a pas de @");
        browser.screenshot("02-responsables-erreur");
        email.clear();
        email.sendKeys("camille.lefevre@example.org");
        browser.button("Enregistrer").click();
        browser.text("tr[data-guardian-id='" + camille + "'] td.email", "camille.lefevre@example.org");
        browser.text("#alerts", "camille.lefevre@example.org");

        // a list of emails with one invalid row: reported with its reason, and easy to copy out and fix
        browser.find("#import-csv").sendKeys(String.join("\n", "guardianId,email",
                hugo + ",hugo.martin@example.org",
                ines + ",ines.moreau@example.org",
                noe + ",noe.garnier(at)example.org"));
        browser.button("Importer").click();
        WebElement rejected = browser.find("#import-rejected");
        browser.text("#import-report .counts", "2 mises à jour");
        List<WebElement> rejectedRows = rejected.findElements(By.cssSelector("tbody tr"));
        assertThat(rejectedRows).hasSize(1);
        assertThat(rejectedRows.get(0).getText()).contains("4", "noe.garnier(at)example.org");
        assertThat(rejectedRows.get(0).findElements(By.tagName("td")).get(2).getText())
                .isEqualTo("adresse e-mail « noe.garnier(at)example.org » invalide : l’adresse n’a pas de @ "
                        + "(attendu : quelque chose comme nom@exemple.fr)");
        assertThat(browser.find("#import-to-fix").getAttribute("value"))
                .isEqualTo("guardianId,email\n" + noe + ",noe.garnier(at)example.org");
        browser.find("#guardian-q").clear();
        browser.button("Rechercher").click();
        browser.text("tr[data-guardian-id='" + ines + "'] td.email", "ines.moreau@example.org");
        browser.driver().executeScript("arguments[0].scrollIntoView()", browser.find("#import-title"));
        browser.screenshot("03-responsables-import");

        // passwords: the guardian without an email cannot be ticked, and says why
        awaitCredentialServiceKnows(List.of(camille, hugo, ines));
        browser.link("Mots de passe").click();
        browser.text("main h1", "Générer les mots de passe");
        WebElement noeBox = browser.find("tr[data-guardian-id='" + noe + "'] input[type=checkbox]");
        assertThat(noeBox.isEnabled()).isFalse();
        noeBox.click();
        assertThat(noeBox.isSelected()).isFalse();
        String why = browser.driver().findElement(By.id(noeBox.getAttribute("aria-describedby"))).getText();
        assertThat(why).contains("pas d'adresse e-mail");
        browser.button("Cocher tous les éligibles de cette page").click();
        browser.text("#selection-count", "3 responsable(s) coché(s)");
        assertThat(noeBox.isSelected()).isFalse();
        browser.find("#generate").click();
        assertThat(browser.find("#confirm-text").getText()).startsWith("3 responsable(s) recevront");
        browser.screenshot("04-mots-de-passe-confirmation");
        browser.find("#confirm-generate").click();

        // the batch's progress, live, until every message is delivered
        browser.text("#batch-state", "Terminé");
        assertThat(browser.find("#batch-state").getText()).isEqualTo("Terminé : 3 message(s) envoyé(s).");
        assertThat(browser.find("[data-counter=delivered]").getText()).isEqualTo("3");
        assertThat(browser.find("[data-counter=failed]").getText()).isEqualTo("0");
        // and heads the recent batches, finished, started by her
        WebElement listed = browser.text("#batch-list tbody tr:first-child", "Terminé");
        assertThat(listed.getText()).contains("admin");
        assertThat(listed.findElement(By.cssSelector("[data-field=delivered]")).getText()).isEqualTo("3");
        browser.screenshot("05-mots-de-passe-avancement");

        // the message log, searched by words of the subject; one message opened and its password revealed
        browser.link("Messages").click();
        browser.text("main h1", "Messages");
        // a refusal says the server's reason once, in the screen's language
        browser.driver().executeScript("arguments[0].value = '2030-01-02'; arguments[1].value = '2030-01-01';",
                browser.find("#filter-from"), browser.find("#filter-to"));
        browser.button("Rechercher").click();
        assertThat(browser.text("#alerts", "doit être après").getText())
                .startsWith("Erreur : La demande est incorrecte : to doit être après from.")
                .containsOnlyOnce("incorrecte");
        browser.find("#filter-from").clear();
        browser.find("#filter-to").clear();
        browser.type("#filter-q", "mot de passe");
        browser.button("Rechercher").click();
        browser.until(d -> d.findElements(By.cssSelector("#message-results tbody tr")).size() == 3 ? true : null,
                "three messages");
        browser.screenshot("06-messages");
        WebElement toHugo = browser.text("#message-results tbody tr", "hugo.martin@example.org");
        assertThat(toHugo.getText()).contains("Envoyé");
        toHugo.findElement(By.tagName("button")).click();
        String body = browser.find("#mail-body").getText();
        String mailed = passwordMailedTo("hugo.martin@example.org");
        assertThat(body).contains("hugo.martin@example.org").doesNotContain(mailed);
        assertThat(browser.find("#message-detail").getText()).contains("Chaque affichage du mot de passe est enregistré");
        browser.button("Afficher le mot de passe").click();
        assertThat(browser.find("#revealed-password").getText()).isEqualTo(mailed);
        browser.text("#reveals", "par admin");
        browser.driver().executeScript("arguments[0].scrollIntoView({block: 'end'})", browser.find("#reveals"));
        browser.screenshot("07-message-detail");

        // several emails typed at once: the guardians without one, a field each; a refused one stays to be corrected
        String leo = createGuardian("Léo", "Bernard");
        browser.link("Responsables").click();
        browser.find("#batch-entry-open").click();
        String leoRow = "#batch-entry tr[data-guardian-id='" + leo + "']";
        String noeRow = "#batch-entry tr[data-guardian-id='" + noe + "']";
        browser.find(leoRow + " input[type=email]").sendKeys("leo.bernard(at)example.org");
        browser.button("Enregistrer les adresses saisies").click();
        browser.text(leoRow + " .field-error", "l’adresse n’a pas de @");
        assertThat(browser.find(leoRow + " input[type=email]").getAttribute("aria-invalid")).isEqualTo("true");
        browser.type(leoRow + " input[type=email]", "leo.bernard@example.org");
        browser.button("Enregistrer les adresses saisies").click();
        assertThat(browser.text(leoRow + " .saved", "leo.bernard@example.org").getText())
                .isEqualTo("leo.bernard@example.org — enregistrée");
        browser.text("#alerts", "1 mises à jour");
        // Noé's field was left empty: nothing was sent for him, and it is still there to fill in
        assertThat(browser.find(noeRow + " input[type=email]").getAttribute("value")).isEmpty();
        browser.text("#guardian-results tr[data-guardian-id='" + leo + "'] td.email", "leo.bernard@example.org");
        browser.driver().executeScript("arguments[0].scrollIntoView()", browser.find("#entry-title"));
        browser.screenshot("12-responsables-saisie-par-lot");

        browser.button("Se déconnecter").click();
        browser.text("#login-notice", "Vous êtes déconnecté.");
    }

    @Test
    @Order(2)
    void operatorReplaysAMessageThatFailedWhileTheMailServerWasDown() throws Exception {
        var mail = system.mail().orElseThrow();
        mail.stop();
        String messageId;
        try {
            assertThat(api.put("/api/guardians/" + noe + "/email", Map.of("email", "noe.garnier@example.org")).status())
                    .isEqualTo(200);
            awaitCredentialServiceKnows(List.of(noe));
            assertThat(api.post("/api/credentials/batches", Map.of("guardianIds", List.of(noe))).status()).isEqualTo(202);
            messageId = await().atMost(Duration.ofSeconds(90)).until(() -> {
                JsonNode items = api.get("/api/messages?recipient=noe.garnier@example.org&status=FAILED").body().path("items");
                return items.isEmpty() ? null : items.get(0).path("id").asString();
            }, id -> id != null);
        } finally {
            mail.restart();
        }

        browser.driver().manage().deleteAllCookies();
        browser.open(gateway + "/");
        signIn("operator");
        browser.text("main h1", "Messages");
        assertThat(browser.driver().findElements(By.linkText("Responsables"))).as("operators see messages only").isEmpty();
        browser.find("#filter-status");
        new org.openqa.selenium.support.ui.Select(browser.find("#filter-status")).selectByVisibleText("En échec");
        browser.button("Rechercher").click();
        WebElement failed = browser.find("tr[data-message-id='" + messageId + "']");
        assertThat(failed.getText()).contains("En échec", "noe.garnier@example.org");
        failed.findElement(By.tagName("button")).click();
        browser.find("#mail-body");
        assertThat(browser.driver().findElements(By.id("reveal"))).as("only administrators reveal").isEmpty();
        browser.screenshot("08-operateur-echec");
        browser.button("Renvoyer ce message").click();
        browser.text("#alerts", "remis dans la file d’envoi");

        await().atMost(Duration.ofSeconds(60)).until(
                () -> api.get("/api/messages/" + messageId).body().path("status").asString(), "SENT"::equals);
        assertThat(passwordMailedTo("noe.garnier@example.org")).isNotBlank();
    }

    @Test
    @Order(3)
    void operatorSendsARefusedDistrictRecordAgain() throws Exception {
        String record = "{\"source\":\"SIECLE\",\"externalId\":\"R-1042\",\"firstName\":\"Hugo\","
                + "\"lastName\":\"Martin\",\"email\":\"hugo@@example.org\"}";
        try (KafkaProducer<String, String> district = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka), new StringSerializer(), new StringSerializer())) {
            district.send(new ProducerRecord<>("guardian.updates.v1", "R-1042", record)).get();
        }
        String deadLetters = "/api/dead-letters/guardian.updates.v1";
        String id = await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode items = api.get(deadLetters).body().path("items");
            return items.isEmpty() ? null : items.get(0).path("id").asString();
        }, found -> found != null);

        browser.driver().manage().deleteAllCookies();
        browser.open(gateway + "/");
        signIn("operator");
        browser.link("Rejets").click();
        browser.text("main h1", "Enregistrements refusés");
        // each feed says how many of its refused records were never sent again
        browser.text("#reject-feed option[value='guardian.updates.v1']",
                "Fiches des systèmes du district (guardian.updates.v1) — 1 jamais renvoyé(s)");
        assertThat(browser.driver().findElement(By.cssSelector("#reject-feed option[value='credential.commands.v1']"))
                .getText())
                .isEqualTo("Demandes de mot de passe (credential.commands.v1)");
        WebElement refused = browser.find("tr[data-dead-letter-id='" + id + "']");
        // the district's reason, in the screen's language
        assertThat(refused.getText()).contains("R-1042",
                "adresse e-mail « hugo@@example.org » invalide : l’adresse contient plus d’un @", "\"externalId\":\"R-1042\"");
        assertThat(browser.find("#reject-retention").getText())
                .isEqualTo("Ce flux garde ses enregistrements refusés 90 jours après leur refus, puis les efface.");
        browser.screenshot("09-operateur-rejets");
        refused.findElement(By.tagName("button")).click();
        browser.text("#alerts", "L'enregistrement R-1042 est renvoyé.");
        browser.text("tr[data-dead-letter-id='" + id + "']", "par operator");

        // its email still wrong, it is refused again: a new dead letter that names the first
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get(deadLetters).body().path("total").asInt() == 2);
        assertThat(api.get(deadLetters).body().path("items").get(0).path("redrivenFrom").asString()).isEqualTo(id);
        browser.driver().navigate().refresh();
        browser.text("tr[data-dead-letter-id]", "refusé à nouveau après un renvoi");
        // two refused, the first sent again: one left to send
        browser.text("#reject-feed option[value='guardian.updates.v1']", "— 1 jamais renvoyé(s)");

        // every one never sent again: the second only
        browser.find("#redrive-all").click();
        var confirmation = browser.until(ExpectedConditions.alertIsPresent(), "the confirmation");
        assertThat(confirmation.getText()).startsWith("1 enregistrement(s) refusé(s) de ce flux, jamais renvoyé(s)");
        confirmation.accept();
        browser.text("#alerts", "1 enregistrement(s) renvoyé(s).");
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get(deadLetters).body().path("total").asInt() == 3);
    }

    @Test
    @Order(4)
    void administratorComesBackToABatchStillRunning() {
        var mail = system.mail().orElseThrow();
        browser.driver().manage().deleteAllCookies();
        browser.open(gateway + "/");
        signIn("admin");
        browser.link("Mots de passe").click();
        browser.text("main h1", "Générer les mots de passe");
        String batchId;
        mail.stop();
        try {
            browser.find("tr[data-guardian-id='" + noe + "'] input[type=checkbox]").click();
            browser.find("#generate").click();
            browser.find("#confirm-generate").click();
            // the new batch heads the recent ones at once; the mail server being down, it cannot finish for a while
            String link = browser.find("#batch-progress a[href*='batchId=']").getAttribute("href");
            batchId = URLDecoder.decode(link.substring(link.indexOf("batchId=") + "batchId=".length()),
                    StandardCharsets.UTF_8);
            browser.find("#batch-list tbody tr:first-child[data-batch-id='" + batchId + "']");

            // she leaves the screen and comes back: the batch is listed, still running, and follows itself
            browser.link("Responsables").click();
            browser.text("main h1", "Responsables");
            browser.link("Mots de passe").click();
            WebElement row = browser.find("tr[data-batch-id='" + batchId + "']");
            assertThat(row.getText()).contains("admin", "En cours");
            browser.text("tr[data-batch-id='" + batchId + "']", "Terminé, avec échecs");
        } finally {
            mail.restart();
        }
        assertThat(browser.driver().findElement(By.id("batch-progress")).isDisplayed())
                .as("the screen was left: the list follows the batch, not the progress panel").isFalse();
        WebElement row = browser.find("tr[data-batch-id='" + batchId + "']");
        assertThat(row.findElement(By.cssSelector("[data-field=requested]")).getText()).isEqualTo("1");
        assertThat(row.findElement(By.cssSelector("[data-field=delivered]")).getText()).isEqualTo("0");
        assertThat(row.findElement(By.cssSelector("[data-field=failed]")).getText()).isEqualTo("1");
        browser.find("#to-recent").click();
        browser.screenshot("10-mots-de-passe-lots");

        // its messages, one click away
        row.findElement(By.linkText("Messages")).click();
        browser.text("main h1", "Messages");
        assertThat(browser.text("#message-results tbody tr", "noe.garnier@example.org").getText()).contains("En échec");
        assertThat(browser.driver().findElements(By.cssSelector("#message-results tbody tr"))).hasSize(1);

        // a parent calls about their password: from the guardians' screen, that guardian's messages, every batch
        browser.link("Responsables").click();
        browser.find("tr[data-guardian-id='" + noe + "']").findElement(By.linkText("Messages")).click();
        browser.text("#filter-guardian", "Messages de GARNIER Noé");
        List<WebElement> toNoe = browser.until(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("#message-results tbody tr"));
            return rows.size() == 2 ? rows : null;
        }, "Noé's two messages");
        assertThat(toNoe).allSatisfy(message -> assertThat(message.getText()).contains("noe.garnier@example.org"));
        assertThat(toNoe.get(0).getText()).contains("En échec");
        assertThat(toNoe.get(1).getText()).contains("Envoyé");
        browser.screenshot("11-messages-d-un-responsable");
        browser.button("Voir ceux de tous les responsables").click();
        browser.until(d -> d.findElements(By.cssSelector("#message-results tbody tr")).size() > 2 ? true : null,
                "every guardian's messages");
        assertThat(browser.driver().findElements(By.id("filter-guardian"))).isEmpty();
    }

    private static void signIn(String user) {
        browser.type("#username", user);
        browser.type("#password", user);
        browser.button("Se connecter").click();
        browser.findAfterNavigation("#who");
    }

    private static String passwordMailedTo(String recipient) throws Exception {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (MimeMessage message : system.mail().orElseThrow().receivedMessages()) {
                if (message.getAllRecipients()[0].toString().equals(recipient)) {
                    Matcher password = PASSWORD_IN_MAIL.matcher(String.valueOf(message.getContent()));
                    if (password.find()) {
                        return password.group(1);
                    }
                }
            }
            return null;
        }, found -> found != null);
    }

    private static String createGuardian(String firstName, String lastName) {
        Response created = api.post("/api/guardians", Map.of("firstName", firstName, "lastName", lastName));
        assertThat(created.status()).isEqualTo(201);
        return created.body().path("id").asString();
    }

    /** Emails reach credential-service as events; a person's next click comes later than that. */
    private static void awaitCredentialServiceKnows(List<String> guardianIds) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode statuses = api.get("/api/credentials/guardians?ids=" + String.join(",", guardianIds)).body();
            return statuses.size() == guardianIds.size()
                    && statuses.valueStream().allMatch(status -> !status.path("login").isNull()
                            && !status.path("login").asString().isEmpty());
        });
    }
}
