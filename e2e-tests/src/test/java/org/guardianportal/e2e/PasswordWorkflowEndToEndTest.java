package org.guardianportal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.guardianportal.e2e.GatewayClient.query;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.guardianportal.e2e.GatewayClient.Response;
import org.guardianportal.launcher.LocalSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;

/**
 * The whole workflow of SPEC §1, on the whole system started by the launcher (Kafka broker, store, SMTP server, three
 * services, gateway), only through the gateway's HTTP API, as the administrator, the portal and an operator would.
 */
class PasswordWorkflowEndToEndTest {

    private static final Pattern PASSWORD_IN_MAIL =
            Pattern.compile("(?i)(?:mot de passe temporaire|temporary password)\\s*:\\s*(\\S+)");

    private static LocalSystem system;
    private static GatewayClient admin;
    private static GatewayClient operator;
    private static GatewayClient portal;
    private static GatewayClient anonymous;

    @BeforeAll
    static void startTheWholeSystem() throws Exception {
        SystemUnderTest.Started started = SystemUnderTest.start("e2e-data",
                Map.of("NOTIFICATION_DELIVERY_WINDOW", "2s"));
        system = started.system();
        String gateway = started.gatewayUrl();
        admin = GatewayClient.as(gateway, "admin", "admin");
        operator = GatewayClient.as(gateway, "operator", "operator");
        portal = GatewayClient.as(gateway, "portal", "portal");
        anonymous = GatewayClient.anonymous(gateway);
    }

    @AfterAll
    static void stopTheWholeSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void administratorRecordsEmailsGeneratesPasswordsAndGuardiansCanLogIn() throws Exception {
        String camille = createGuardian("Camille", "Lefèvre");
        String hugo = createGuardian("Hugo", "Martin");
        String ines = createGuardian("Inès", "Moreau");
        String noEmail = createGuardian("Noé", "Garnier");

        // one at a time
        Response set = admin.put("/api/guardians/" + camille + "/email", Map.of("email", "camille.lefevre@example.org"));
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.body().path("email").asString()).isEqualTo("camille.lefevre@example.org");

        // a whole list at once, with one invalid row that is reported and applies nothing
        Response imported = admin.postCsv("/api/guardians/email-imports", String.join("\n",
                "guardianId,email",
                hugo + ",hugo.martin@example.org",
                ines + ",ines.moreau@example.org",
                noEmail + ",noe.garnier@@example"));
        assertThat(imported.status()).isEqualTo(200);
        assertThat(imported.body().path("updated").asInt()).isEqualTo(2);
        assertThat(imported.body().path("rejected").asInt()).isEqualTo(1);
        JsonNode rejectedRow = rowsWithStatus(imported.body(), "REJECTED").get(0);
        assertThat(rejectedRow.path("guardianId").asString()).isEqualTo(noEmail);
        assertThat(rejectedRow.path("reason").asString()).isNotBlank();
        assertThat(admin.get("/api/guardians/" + noEmail).body().path("email").isNull()).isTrue();

        // an operator may not generate passwords, nobody anonymous may do anything
        assertThat(operator.post("/api/credentials/batches", Map.of("guardianIds", List.of(camille))).status())
                .isEqualTo(403);
        Response refused = anonymous.get("/api/guardians");
        assertThat(refused.status()).isEqualTo(401);

        // the selection includes the guardian without an email, who is refused with the reason
        List<String> selection = List.of(camille, hugo, ines, noEmail);
        awaitCredentialServiceKnows(selection);
        Response batch = admin.post("/api/credentials/batches", Map.of("guardianIds", selection));
        assertThat(batch.status()).isEqualTo(202);
        assertThat(batch.body().path("requested").asInt()).isEqualTo(4);
        assertThat(batch.body().path("accepted").asInt()).isEqualTo(3);
        assertThat(batch.body().path("rejected")).singleElement().satisfies(rejection -> {
            assertThat(rejection.path("guardianId").asString()).isEqualTo(noEmail);
            assertThat(rejection.path("reason").asString()).isEqualTo("NO_EMAIL");
        });
        String batchId = batch.body().path("batchId").asString();

        // the delivery window passes and every message is accepted by the SMTP server
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode progress = admin.get("/api/credentials/batches/" + batchId).body();
            assertThat(progress.path("delivered").asInt()).isEqualTo(3);
        });
        JsonNode progress = admin.get("/api/credentials/batches/" + batchId).body();
        assertThat(progress.path("requestedBy").asString()).isEqualTo("admin");
        assertThat(progress.path("issued").asInt()).isEqualTo(3);
        assertThat(progress.path("rejected").asInt()).isEqualTo(1);
        assertThat(progress.path("failed").asInt()).isZero();

        Map<String, String> passwordByLogin = passwordsReceivedByMail();
        assertThat(passwordByLogin).containsOnlyKeys(
                "camille.lefevre@example.org", "hugo.martin@example.org", "ines.moreau@example.org");

        // each guardian logs in to the portal with the login and password of their email
        Map<String, String> guardianByLogin = Map.of("camille.lefevre@example.org", camille,
                "hugo.martin@example.org", hugo, "ines.moreau@example.org", ines);
        passwordByLogin.forEach((login, password) -> {
            Response verified = portal.post("/api/credentials/verify", Map.of("login", login, "password", password));
            assertThat(verified.status()).as("verify %s", login).isEqualTo(200);
            assertThat(verified.body().path("guardianId").asString()).isEqualTo(guardianByLogin.get(login));
            assertThat(verified.body().path("mustChangePassword").asBoolean()).isTrue();
        });
        assertThat(portal.post("/api/credentials/verify",
                Map.of("login", "hugo.martin@example.org", "password", "not-the-password")).status()).isEqualTo(401);
        assertThat(admin.get("/api/credentials/guardians/" + hugo).body().path("status").asString()).isEqualTo("ISSUED");

        // afterwards, the message log finds exactly those messages by a few words of their subject
        Response found = admin.get("/api/messages?subject=" + query("mot de passe"));
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body().path("total").asInt()).isEqualTo(3);
        assertThat(found.body().path("items")).extracting(item -> item.path("recipient").asString())
                .containsExactlyInAnyOrderElementsOf(passwordByLogin.keySet());
        assertThat(found.body().path("items")).allSatisfy(item -> {
            assertThat(item.path("status").asString()).isEqualTo("SENT");
            assertThat(item.path("batchId").asString()).isEqualTo(batchId);
            assertThat(item.path("requestedBy").asString()).isEqualTo("admin");
        });

        // the detail hides the password; the audited reveal shows it, and records who asked
        String messageId = found.body().path("items").get(0).path("id").asString();
        String recipient = found.body().path("items").get(0).path("recipient").asString();
        Response detail = admin.get("/api/messages/" + messageId);
        assertThat(detail.body().path("body").asString()).doesNotContain(passwordByLogin.get(recipient));
        assertThat(operator.post("/api/messages/" + messageId + "/reveal", Map.of()).status()).isEqualTo(403);
        Response revealed = admin.post("/api/messages/" + messageId + "/reveal", Map.of());
        assertThat(revealed.status()).isEqualTo(200);
        assertThat(revealed.body().path("password").asString()).isEqualTo(passwordByLogin.get(recipient));
        assertThat(admin.get("/api/messages/" + messageId).body().path("reveals"))
                .anySatisfy(reveal -> assertThat(reveal.path("by").asString()).isEqualTo("admin"));

        // an operator reads the log but not the guardians
        assertThat(operator.get("/api/messages?batchId=" + batchId).body().path("total").asInt()).isEqualTo(3);
        assertThat(operator.get("/api/guardians").status()).isEqualTo(403);
    }

    private static String createGuardian(String firstName, String lastName) {
        Response created = admin.post("/api/guardians", Map.of("firstName", firstName, "lastName", lastName));
        assertThat(created.status()).as("create %s %s: %s", firstName, lastName, created.raw().body()).isEqualTo(201);
        assertThat(created.raw().headers().firstValue("Location")).isPresent();
        return created.body().path("id").asString();
    }

    /** Emails travel to credential-service as events; the administrator's next click follows within a moment. */
    private static void awaitCredentialServiceKnows(List<String> guardianIds) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            for (String guardianId : guardianIds) {
                JsonNode status = admin.get("/api/credentials/guardians/" + guardianId).body();
                String expectedLogin = admin.get("/api/guardians/" + guardianId).body().path("email").asString(null);
                assertThat(status.path("login").asString(null)).isEqualTo(expectedLogin);
            }
        });
    }

    private static Map<String, String> passwordsReceivedByMail() throws Exception {
        List<MimeMessage> received = system.mail().orElseThrow().receivedMessages();
        Map<String, String> passwords = new HashMap<>();
        for (MimeMessage message : received) {
            assertThat(message.getSubject()).containsIgnoringCase("mot de passe");
            String recipient = ((InternetAddress) message.getAllRecipients()[0]).getAddress();
            String body = message.getContent().toString();
            assertThat(body).contains(recipient);
            Matcher password = PASSWORD_IN_MAIL.matcher(body);
            assertThat(password.find()).as("a password in the mail to %s:%n%s", recipient, body).isTrue();
            passwords.put(recipient, password.group(1));
        }
        return passwords;
    }

    private static List<JsonNode> rowsWithStatus(JsonNode report, String status) {
        return report.path("rows").valueStream().filter(row -> status.equals(row.path("status").asString()))
                .collect(Collectors.toList());
    }
}
