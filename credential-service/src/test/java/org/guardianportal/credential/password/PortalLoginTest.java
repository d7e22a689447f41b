package org.guardianportal.credential.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.bson.Document;
import org.guardianportal.credential.CredentialServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Update;

import tools.jackson.databind.JsonNode;

class PortalLoginTest extends CredentialServiceTest {

    private static final String WRONG = "Wrong password 1";

    @Test
    void anUnknownLoginAndAWrongPasswordAreRefusedAlike() {
        String email = newEmail();
        issuePassword(newGuardianId(), email);

        Response wrongPassword = verify(email, WRONG);
        Response unknownLogin = verify(newEmail(), WRONG);

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownLogin.status()).isEqualTo(401);
        assertThat(wrongPassword.isProblem()).isTrue();
        assertThat(wrongPassword.json().path("detail").asString())
                .isEqualTo(unknownLogin.json().path("detail").asString())
                .isEqualTo("The login or the password is incorrect.");
        assertThat(wrongPassword.body()).doesNotContain(WRONG);
    }

    @Test
    void fiveFailuresInARowLockTheCredentialForFifteenMinutes() {
        String email = newEmail();
        String guardianId = newGuardianId();
        Issued issued = issuePassword(guardianId, email);

        for (int failure = 1; failure < 5; failure++) {
            assertThat(verify(email, WRONG).status()).as("failure %d", failure).isEqualTo(401);
        }
        Response fifth = verify(email, WRONG);
        Response rightButLocked = verify(email, issued.password());

        assertThat(fifth.status()).isEqualTo(423);
        assertThat(fifth.isProblem()).isTrue();
        Instant lockedUntil = Instant.parse(fifth.json().path("lockedUntil").asString());
        assertThat(lockedUntil).isBetween(Instant.now().plus(Duration.ofMinutes(14)),
                Instant.now().plus(Duration.ofMinutes(15)));
        assertThat(fifth.json().path("detail").asString()).contains("locked until " + lockedUntil);
        assertThat(rightButLocked.status()).isEqualTo(423);
        assertThat(get("/api/credentials/guardians/" + guardianId).json().path("status").asString())
                .isEqualTo("LOCKED");

        // fifteen minutes later
        mongo.updateFirst(query(where("_id").is(guardianId)),
                Update.update("lockedUntil", Instant.now().minusSeconds(1)), Credential.class);
        assertThat(verify(email, issued.password()).status()).isEqualTo(200);
    }

    @Test
    void aSuccessfulLoginStartsTheFailureCountAgain() {
        String email = newEmail();
        String guardianId = newGuardianId();
        Issued issued = issuePassword(guardianId, email);

        for (int failure = 1; failure <= 4; failure++) {
            verify(email, WRONG);
        }
        assertThat(verify(email, issued.password()).status()).isEqualTo(200);
        assertThat(credential(guardianId).getInteger("failedAttempts")).isZero();
        for (int failure = 1; failure <= 4; failure++) {
            assertThat(verify(email, WRONG).status()).isEqualTo(401);
        }
        assertThat(credential(guardianId).getInteger("failedAttempts")).isEqualTo(4);
    }

    @Test
    void anExpiredTemporaryPasswordIsRefusedWithTheReason() {
        String email = newEmail();
        String guardianId = newGuardianId();
        Issued issued = issuePassword(guardianId, email);
        mongo.updateFirst(query(where("_id").is(guardianId)),
                Update.update("expiresAt", Instant.now().minusSeconds(1)), Credential.class);

        Response expired = verify(email, issued.password());

        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().path("detail").asString()).contains("expired").contains("new one must be requested");
        assertThat(get("/api/credentials/guardians/" + guardianId).json().path("status").asString())
                .isEqualTo("EXPIRED");
        assertThat(verify(email, WRONG).json().path("detail").asString()).doesNotContain("expired");
    }

    @Test
    void guardiansSharingAnEmailEachLogInWithTheirOwnPassword() {
        String email = newEmail();
        String mother = newGuardianId();
        String father = newGuardianId();
        Issued hers = issuePassword(mother, email);
        Issued his = issuePassword(father, email);

        assertThat(verify(email, hers.password()).json().path("guardianId").asString()).isEqualTo(mother);
        assertThat(verify(email, his.password()).json().path("guardianId").asString()).isEqualTo(father);
    }

    @Test
    void theGuardianReplacesTheTemporaryPasswordWithTheirOwn() {
        String email = newEmail();
        String guardianId = newGuardianId();
        Issued issued = issuePassword(guardianId, email);
        String chosen = "Rentree scolaire 2025";

        Response changed = changePassword(email, issued.password(), chosen);

        assertThat(changed.status()).isEqualTo(204);
        JsonNode verified = verify(email, chosen).json();
        assertThat(verified.path("guardianId").asString()).isEqualTo(guardianId);
        assertThat(verified.path("mustChangePassword").asBoolean()).isFalse();
        assertThat(verify(email, issued.password()).status()).isEqualTo(401);
        JsonNode status = get("/api/credentials/guardians/" + guardianId).json();
        assertThat(status.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(status.path("expiresAt").isNull()).isTrue();
    }

    @Test
    void aWeakNewPasswordIsRefusedWithTheRulesItBreaks() {
        String email = newEmail();
        Issued issued = issuePassword(newGuardianId(), email);

        assertBreaks(changePassword(email, issued.password(), "short1"), "must have at least 12 characters");
        assertBreaks(changePassword(email, issued.password(), "onlylettershere"), "must contain both letters and digits");
        assertBreaks(changePassword(email, issued.password(), "123456789012"), "must contain both letters and digits");
        assertBreaks(changePassword(email, issued.password(), email.toUpperCase()), "must not be the login");
        assertBreaks(changePassword(email, issued.password(), issued.password()), "must differ from the current password");

        assertThat(verify(email, issued.password()).status()).as("password unchanged").isEqualTo(200);
    }

    @Test
    void aFamilyAskingInFrenchReadsEveryRefusalInFrench() {
        String email = newEmail();
        Issued issued = issuePassword(newGuardianId(), email);
        String change = json(Map.of("login", email, "currentPassword", issued.password(), "newPassword", "court1"));

        Response weak = send(inLanguage("fr-FR,fr;q=0.9", "/api/credentials/password", change));
        Response wrong = send(inLanguage("fr", "/api/credentials/verify",
                json(Map.of("login", email, "password", WRONG))));
        Response missing = send(inLanguage("fr", "/api/credentials/verify", "{\"login\": \"" + email + "\"}"));
        Response wrongMethod = send(HttpRequest.newBuilder(uri("/api/credentials/verify"))
                .header("Accept-Language", "fr").GET().build());
        Response german = send(inLanguage("de", "/api/credentials/password", change));
        Response frenchSecond = send(inLanguage("de-DE,fr;q=0.5", "/api/credentials/password", change));

        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().path("detail").asString())
                .isEqualTo("Le nouveau mot de passe est trop faible : doit avoir au moins 12 caractères.");
        assertThat(weak.json().path("errors").get(0).path("message").asString())
                .isEqualTo("doit avoir au moins 12 caractères");
        assertThat(wrong.json().path("detail").asString()).isEqualTo("L’identifiant ou le mot de passe est incorrect.");
        assertThat(missing.json().path("errors").get(0).path("message").asString()).isEqualTo("ne doit pas être vide");
        assertThat(missing.json().path("detail").asString())
                .isEqualTo("La demande est incorrecte : password ne doit pas être vide.");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.json().path("detail").asString()).isEqualTo("La méthode GET n’est pas acceptée ici.");
        assertThat(german.json().path("detail").asString())
                .isEqualTo("The new password is too weak: must have at least 12 characters.");
        assertThat(frenchSecond.json().path("detail").asString()).startsWith("Le nouveau mot de passe est trop faible");
        assertThat(verify(email, issued.password()).status()).as("password unchanged").isEqualTo(200);
    }

    @Test
    void aWrongCurrentPasswordIsRefusedAndCountsAsAFailure() {
        String email = newEmail();
        String guardianId = newGuardianId();
        issuePassword(guardianId, email);

        Response refused = changePassword(email, WRONG, "Rentree scolaire 2025");

        assertThat(refused.status()).isEqualTo(401);
        assertThat(credential(guardianId).getInteger("failedAttempts")).isEqualTo(1);
        assertThat(credential(guardianId).getString("status")).isEqualTo("ISSUED");
    }

    @Test
    void missingFieldsAndMalformedJsonAreBadRequests() {
        Response missing = post("/api/credentials/verify", "{\"login\": \"someone@example.org\"}");
        Response malformed = post("/api/credentials/verify", "{\"login\": \"x\", \"password\": \"Secret123456");
        Response noNewPassword = post("/api/credentials/password", "{\"login\": \"x\", \"currentPassword\": \"y\"}");

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.isProblem()).isTrue();
        assertThat(missing.json().path("errors").get(0).path("field").asString()).isEqualTo("password");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.isProblem()).isTrue();
        assertThat(malformed.body()).doesNotContain("Secret123456");
        assertThat(noNewPassword.status()).isEqualTo(400);
        assertThat(noNewPassword.json().path("errors").get(0).path("field").asString()).isEqualTo("newPassword");
    }

    @Test
    void theAccessOfAGuardianWithoutPasswordIsNoneAndOfAnUnknownOne404() {
        String known = newGuardianId();
        announce(known, null);

        JsonNode none = get("/api/credentials/guardians/" + known).json();
        Response unknown = get("/api/credentials/guardians/" + newGuardianId());

        assertThat(none.path("status").asString()).isEqualTo("NONE");
        assertThat(none.path("issuedAt").isNull()).isTrue();
        assertThat(none.path("login").isNull()).as("no email, no login").isTrue();
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.isProblem()).isTrue();
    }

    private void assertBreaks(Response response, String rule) {
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.isProblem()).isTrue();
        JsonNode errors = response.json().path("errors");
        assertThat(errors.valueStream().map(error -> error.path("field").asString())).containsOnly("newPassword");
        assertThat(errors.valueStream().map(error -> error.path("message").asString())).contains(rule);
    }

    private HttpRequest inLanguage(String acceptLanguage, String path, String json) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("Accept-Language", acceptLanguage).POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private Response verify(String login, String password) {
        return post("/api/credentials/verify", json(Map.of("login", login, "password", password)));
    }

    private Response changePassword(String login, String currentPassword, String newPassword) {
        return post("/api/credentials/password", json(Map.of("login", login, "currentPassword", currentPassword,
                "newPassword", newPassword)));
    }

    private Document credential(String guardianId) {
        return mongo.getCollection(Credential.COLLECTION).find(new Document("_id", guardianId)).first();
    }
}
