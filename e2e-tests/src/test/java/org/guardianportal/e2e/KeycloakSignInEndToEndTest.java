package org.guardianportal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.guardianportal.e2e.GatewayClient.Response;
import org.guardianportal.launcher.LocalSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import tools.jackson.databind.JsonNode;

/**
 * The system as a district runs it with its own OIDC provider, here a real Keycloak left at its defaults (roles as
 * realm roles, which Keycloak puts only in the access token's {@code realm_access.roles}; no audience): the launcher
 * started with {@code GATEWAY_AUTH_MODE=oidc}, the gateway Keycloak's client. Integrators call the API with Keycloak's
 * tokens; people sign in and out at Keycloak's own page, in a real browser.
 */
class KeycloakSignInEndToEndTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    private static Keycloak keycloak;
    private static LocalSystem system;
    private static String gateway;

    @BeforeAll
    static void startKeycloakTheSystemAndABrowser() throws Exception {
        keycloak = Keycloak.start();
        var started = SystemUnderTest.start("e2e-keycloak", Map.of(
                "GATEWAY_AUTH_MODE", "oidc",
                "OIDC_ISSUER_URI", keycloak.issuer(),
                "OIDC_CLIENT_ID", Keycloak.CLIENT_ID,
                "OIDC_CLIENT_SECRET", Keycloak.CLIENT_SECRET,
                "NOTIFICATION_DELIVERY_WINDOW", "1s"));
        system = started.system();
        gateway = started.gatewayUrl();
        browser.start();
    }

    @AfterAll
    static void stopEverything() {
        browser.close();
        if (system != null) {
            system.close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void integratorsCallTheApiWithKeycloaksTokensAndTheirRealmRoles() throws Exception {
        String secretaryToken = keycloak.accessToken(Keycloak.SECRETARY, Keycloak.SECRETARY_PASSWORD);
        JsonNode claims = Keycloak.claimsOf(secretaryToken);
        assertThat(claims.path("realm_access").path("roles").valueStream().map(JsonNode::asString))
                .containsExactly("ADMIN");
        assertThat(claims.has("roles")).as("Keycloak's defaults: no roles claim of our own").isFalse();
        GatewayClient secretary = GatewayClient.bearer(gateway, secretaryToken);

        // an administrator's whole errand: a guardian, her email, her password, sent under the secretary's name
        Response created = secretary.post("/api/guardians", Map.of("firstName", "Léa", "lastName", "Rousseau"));
        assertThat(created.status()).isEqualTo(201);
        String lea = created.body().path("id").asString();
        assertThat(secretary.put("/api/guardians/" + lea + "/email", Map.of("email", "lea.rousseau@example.org"))
                .status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> !secretary.get("/api/credentials/guardians?ids=" + lea)
                .body().path(0).path("login").asString("").isEmpty());
        Response batch = secretary.post("/api/credentials/batches", Map.of("guardianIds", List.of(lea)));
        assertThat(batch.status()).isEqualTo(202);
        JsonNode message = await().atMost(Duration.ofSeconds(60)).until(() -> secretary.get(
                "/api/messages?recipient=lea.rousseau@example.org&status=SENT").body().path("items").path(0),
                found -> !found.isMissingNode());
        assertThat(message.path("requestedBy").asString()).isEqualTo(Keycloak.SECRETARY);

        // an operator reads the log, and is refused an administrator's work with the role it needs
        GatewayClient operator = GatewayClient.bearer(gateway,
                keycloak.accessToken(Keycloak.OPERATOR, Keycloak.OPERATOR_PASSWORD));
        assertThat(operator.get("/api/messages?recipient=lea.rousseau@example.org").body().path("total").asInt())
                .isEqualTo(1);
        Response refused = operator.post("/api/guardians", Map.of("firstName", "Tom", "lastName", "Faure"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().path("detail").asString()).contains("ADMIN");

        // the same name, password and role in another district's realm: its tokens are not the district's
        String elsewhere = keycloak.accessToken(Keycloak.OTHER_REALM, Keycloak.SECRETARY, Keycloak.SECRETARY_PASSWORD);
        assertThat(Keycloak.claimsOf(elsewhere).path("realm_access").path("roles").valueStream()
                .map(JsonNode::asString)).containsExactly("ADMIN");
        assertThat(GatewayClient.bearer(gateway, elsewhere).get("/api/guardians").status()).isEqualTo(401);

        Response anonymous = GatewayClient.anonymous(gateway).get("/api/guardians");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer"));
    }

    @Test
    void aSecretarySignsInAtKeycloakWorksOnTheScreensAndSignsOutThere() throws Exception {
        Response created = GatewayClient.bearer(gateway, keycloak.accessToken(Keycloak.SECRETARY,
                Keycloak.SECRETARY_PASSWORD)).post("/api/guardians",
                Map.of("firstName", "Hélène", "lastName", "Girard"));
        assertThat(created.status()).isEqualTo(201);
        String helene = created.body().path("id").asString();

        browser.open(gateway + "/");
        signInAtKeycloak(Keycloak.SECRETARY, Keycloak.SECRETARY_PASSWORD);
        browser.text("#who", Keycloak.SECRETARY);
        browser.text("main h1", "Responsables");
        // a write from the screens, in the session Keycloak opened (its cookie and CSRF token)
        browser.type("#guardian-q", "girard");
        browser.button("Rechercher").click();
        String row = "tr[data-guardian-id='" + helene + "']";
        browser.find(row).findElement(By.xpath(".//button[normalize-space()='Modifier']")).click();
        browser.find(row + " input[type=email]").sendKeys("helene.girard@example.org");
        browser.button("Enregistrer").click();
        browser.text(row + " td.email", "helene.girard@example.org");

        browser.button("Se déconnecter").click();
        // signed out at Keycloak too: coming back asks for the password again
        browser.until(d -> keycloak.isItsPage(d.getCurrentUrl()) ? true : null, "Keycloak's sign-in page");
        browser.find("#username");
        browser.open(gateway + "/");
        browser.until(d -> keycloak.isItsPage(d.getCurrentUrl()) ? true : null, "Keycloak's sign-in page again");
        browser.find("#username");

        signInAtKeycloak(Keycloak.OPERATOR, Keycloak.OPERATOR_PASSWORD);
        browser.text("#who", Keycloak.OPERATOR);
        browser.text("main h1", "Messages");
        assertThat(browser.driver().findElements(By.linkText("Responsables"))).as("operators see messages only")
                .isEmpty();
    }

    private static void signInAtKeycloak(String user, String password) {
        browser.until(d -> keycloak.isItsPage(d.getCurrentUrl()) ? true : null, "Keycloak's sign-in page");
        browser.type("#username", user);
        browser.type("#password", password);
        browser.find("#kc-login").click();
        browser.findAfterNavigation("#who");
    }
}
