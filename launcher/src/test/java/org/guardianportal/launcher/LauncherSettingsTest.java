package org.guardianportal.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LauncherSettingsTest {

    private static final Path SERVICES = Path.of("services");

    @Test
    void everyJvmOfTheStackGivesFreedNativeMemoryBackWhereTheJvmHasTheOption() {
        assertThat(LauncherSettings.jvmHasOption("UseSerialGC")).isTrue();
        assertThat(LauncherSettings.jvmHasOption("NoSuchOptionAnywhere")).isFalse();
        // this machine's JVM, 17.0.15, has it: on an older 17 the option is left out rather than failing the start
        assertThat(LauncherSettings.jvmHasOption("TrimNativeHeapInterval")).isTrue();
        assertThat(LauncherSettings.withNativeHeapTrim("-Xmx1g")).containsExactly("-Xmx1g", "-XX:TrimNativeHeapInterval=2000");
        assertThat(LauncherSettings.fromEnvironment(Map.of(), SERVICES).javaOptionsOf("gateway"))
                .contains("-XX:TrimNativeHeapInterval=2000");
        assertThat(Launcher.SYSTEM_JAVA_OPTIONS).contains("-XX:TrimNativeHeapInterval=2000");
    }

    @Test
    void withNothingSetTheSystemUsesTheFixedPortsOfTheSpecAndItsOwnSmtpServer() {
        LauncherSettings settings = LauncherSettings.fromEnvironment(Map.of(), SERVICES);

        assertThat(settings.gatewayPort()).isEqualTo(8080);
        assertThat(settings.guardianPort()).isEqualTo(8081);
        assertThat(settings.credentialPort()).isEqualTo(8082);
        assertThat(settings.notificationPort()).isEqualTo(8083);
        assertThat(settings.kafkaPort()).isEqualTo(9092);
        assertThat(settings.mongoPort()).isEqualTo(27017);
        assertThat(settings.smtpPort()).isEqualTo(2525);
        assertThat(settings.externalSmtp()).isEmpty();
        assertThat(settings.deliveryWindow()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(settings.servicesDir()).isEqualTo(SERVICES);
    }

    @Test
    void defaultOptionsDifferOnlyWhereAServiceNeedsItAndServiceJavaOptsReplacesThemForAll() {
        LauncherSettings defaults = LauncherSettings.fromEnvironment(Map.of(), SERVICES);
        assertThat(defaults.javaOptionsOf("gateway")).contains("-XX:TieredStopAtLevel=1", "-Xms32m", "-Xmx256m")
                .doesNotContain("-Xmn64m");
        assertThat(defaults.javaOptionsOf("notification-service"))
                .contains("-XX:TieredStopAtLevel=1", "-Xms96m", "-Xmn64m", "-Xmx256m").doesNotContain("-Xms32m");
        assertThat(defaults.javaOptionsOf("credential-service")).contains("-Xmx256m")
                .doesNotContain("-XX:TieredStopAtLevel=1");

        LauncherSettings given = LauncherSettings.fromEnvironment(
                Map.of("SERVICE_JAVA_OPTS", " -Xmx512m  -XX:TieredStopAtLevel=1 "), SERVICES);
        assertThat(given.javaOptionsOf("credential-service")).containsExactly("-Xmx512m", "-XX:TieredStopAtLevel=1");
        assertThat(given.javaOptionsOf("gateway")).containsExactly("-Xmx512m", "-XX:TieredStopAtLevel=1");
        assertThat(given.javaOptionsOf("notification-service")).containsExactly("-Xmx512m", "-XX:TieredStopAtLevel=1");
    }

    @Test
    void smtpHostSendsMailToThatServerInsteadOfTheEmbeddedOne() {
        LauncherSettings settings = LauncherSettings.fromEnvironment(Map.of("SMTP_HOST", "smtp.district.example",
                "SMTP_PORT", "587", "SMTP_USERNAME", "portal", "SMTP_PASSWORD", "s3cret", "SMTP_TLS", "true"), SERVICES);

        assertThat(settings.externalSmtp()).contains(
                new LauncherSettings.ExternalSmtp("smtp.district.example", 587, "portal", "s3cret", true));
        assertThat(settings.toString()).contains("smtp.district.example").doesNotContain("s3cret");
    }

    @Test
    void everyPortAndTheDeliveryWindowCanBeChanged() {
        LauncherSettings settings = LauncherSettings.fromEnvironment(Map.of("GATEWAY_PORT", "18080",
                "KAFKA_PORT", "19092", "NOTIFICATION_DELIVERY_WINDOW", "0s", "DATA_DIR", "/tmp/portal"), SERVICES);

        assertThat(settings.gatewayUrl()).isEqualTo("http://localhost:18080");
        assertThat(settings.kafkaBootstrapServers()).isEqualTo("localhost:19092");
        assertThat(settings.deliveryWindow()).isZero();
        assertThat(settings.dataDir()).isEqualTo(Path.of("/tmp/portal"));
    }

    @Test
    void aPortThatIsNotANumberIsRefusedWithItsName() {
        assertThatThrownBy(() -> LauncherSettings.fromEnvironment(Map.of("MONGODB_PORT", "mongo"), SERVICES))
                .hasMessageContaining("MONGODB_PORT").hasMessageContaining("mongo");
    }

    @Test
    void peopleSignInAsTheLocalUsersUnlessTheDistrictsOidcProviderIsNamed() {
        assertThat(LauncherSettings.fromEnvironment(Map.of(), SERVICES).oidc()).isEmpty();
        assertThat(gatewayEnvironment(Map.of("OIDC_ISSUER_URI", "https://login.example.org/realms/district")))
                .containsEntry("GATEWAY_AUTH_MODE", "local");

        Map<String, String> oidc = gatewayEnvironment(Map.of("GATEWAY_AUTH_MODE", "oidc",
                "OIDC_ISSUER_URI", "https://login.example.org/realms/district",
                "OIDC_CLIENT_ID", "guardian-portal", "OIDC_CLIENT_SECRET", "s3cret"));
        assertThat(oidc).containsEntry("GATEWAY_AUTH_MODE", "oidc")
                .containsEntry("OIDC_ISSUER_URI", "https://login.example.org/realms/district")
                .containsEntry("OIDC_CLIENT_ID", "guardian-portal").containsEntry("OIDC_CLIENT_SECRET", "s3cret")
                .doesNotContainKey("OIDC_ROLES_CLAIM");
        assertThat(LauncherSettings.fromEnvironment(Map.of("GATEWAY_AUTH_MODE", "oidc",
                "OIDC_ISSUER_URI", "https://login.example.org", "OIDC_CLIENT_ID", "portal", "OIDC_CLIENT_SECRET",
                "s3cret"), SERVICES).toString()).doesNotContain("s3cret");
        // bearer tokens only, roles from a claim of the district's choosing
        assertThat(gatewayEnvironment(Map.of("GATEWAY_AUTH_MODE", "oidc",
                "OIDC_ISSUER_URI", "https://login.example.org", "OIDC_ROLES_CLAIM", "groups")))
                .containsEntry("OIDC_ROLES_CLAIM", "groups").doesNotContainKeys("OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET");
    }

    @Test
    void anOidcModeWithoutItsIssuerOrAnUnknownModeIsRefused() {
        assertThatThrownBy(() -> LauncherSettings.fromEnvironment(Map.of("GATEWAY_AUTH_MODE", "oidc"), SERVICES))
                .hasMessageContaining("OIDC_ISSUER_URI");
        assertThatThrownBy(() -> LauncherSettings.fromEnvironment(Map.of("GATEWAY_AUTH_MODE", "ldap"), SERVICES))
                .hasMessageContaining("GATEWAY_AUTH_MODE").hasMessageContaining("ldap");
    }

    private static Map<String, String> gatewayEnvironment(Map<String, String> env) {
        return LocalSystem.serviceLaunches(LauncherSettings.fromEnvironment(env, SERVICES), "local-1:key").stream()
                .filter(launch -> launch.name().equals("gateway")).findFirst().orElseThrow().environment();
    }
}
