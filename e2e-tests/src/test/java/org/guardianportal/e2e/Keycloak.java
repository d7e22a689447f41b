package org.guardianportal.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.guardianportal.launcher.FreshEnvironment;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Keycloak, the district's OIDC provider: the distribution from Maven Central (unpacked under {@code target/}
 * by this module's build), started in development mode on a free port with an in-memory database and the realm of
 * {@code keycloak/district-realm.json}: the gateway's client, and a secretary (ADMIN) and an operator (OPERATOR) with
 * their roles as realm roles, Keycloak's defaults otherwise; and another district's realm
 * ({@code keycloak/autre-district-realm.json}), whose secretary has the same name, password and role. Keycloak 26
 * needs Java 21 or newer: the one of {@code KEYCLOAK_JAVA_HOME}, this JVM, or the newest under {@code /usr/lib/jvm};
 * with none, the calling test is skipped, as the Testcontainers tests are without Docker.
 */
final class Keycloak implements AutoCloseable {

    static final String CLIENT_ID = "guardian-portal";
    static final String CLIENT_SECRET = "guardian-portal-secret";
    static final String SECRETARY = "secretaire";
    static final String SECRETARY_PASSWORD = "mot-de-passe-secretaire";
    static final String OPERATOR = "operateur";
    static final String OPERATOR_PASSWORD = "mot-de-passe-operateur";

    static final String REALM = "district";
    static final String OTHER_REALM = "autre-district";
    private static final int JAVA_NEEDED = 21;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final String baseUrl;

    private Keycloak(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    static Keycloak start() throws IOException, InterruptedException {
        Optional<Path> javaHome = javaHome();
        assumeTrue(javaHome.isPresent(), "Keycloak needs Java " + JAVA_NEEDED + " or newer: none found "
                + "(set KEYCLOAK_JAVA_HOME)");
        Path home = Path.of(System.getProperty("guardianportal.keycloak-home", "target/keycloak/keycloak"));
        // Keycloak imports every file there, each named after its realm
        Path imports = Files.createDirectories(home.resolve("data").resolve("import"));
        try (Stream<Path> earlier = Files.list(imports)) {
            for (Path file : earlier.toList()) {
                Files.delete(file);
            }
        }
        for (String file : List.of("district-realm.json", "autre-district-realm.json")) {
            try (InputStream realm = Keycloak.class.getResourceAsStream("/keycloak/" + file)) {
                Files.copy(realm, imports.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        int port = FreshEnvironment.freePort();
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin").resolve("kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port, "--db=dev-mem", "--import-realm")
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("keycloak.log").toFile());
        builder.environment().put("JAVA_HOME", javaHome.get().toString());
        // JBoss threads reset thread locals through java.lang's internals, closed from Java 24 on (it says so)
        builder.environment().put("JAVA_OPTS_APPEND", "--add-opens=java.base/java.lang=ALL-UNNAMED");
        Keycloak keycloak = new Keycloak(builder.start(), "http://localhost:" + port);
        keycloak.awaitRealm(home.resolve("keycloak.log"));
        return keycloak;
    }

    /** The issuer of the district's tokens, as the gateway is configured with it. */
    String issuer() {
        return issuer(REALM);
    }

    private String issuer(String realm) {
        return baseUrl + "/realms/" + realm;
    }

    boolean isItsPage(String url) {
        return url.startsWith(baseUrl);
    }

    /** An access token for this user of the district, as an integrator's script gets one (password grant). */
    String accessToken(String user, String password) throws IOException, InterruptedException {
        return accessToken(REALM, user, password);
    }

    String accessToken(String realm, String user, String password) throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=" + CLIENT_ID + "&client_secret=" + CLIENT_SECRET
                + "&username=" + user + "&password=" + password + "&scope=openid";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(issuer(realm)
                        + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused a token to " + user + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("access_token").asString();
    }

    /** The claims of a token, as Keycloak wrote them. */
    static JsonNode claimsOf(String token) {
        String payload = token.split("\\.")[1];
        return JSON.readTree(Base64.getUrlDecoder().decode(payload));
    }

    private void awaitRealm(Path log) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        URI discovery = URI.create(issuer() + "/.well-known/openid-configuration");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak stopped while starting:\n" + lastLines(log));
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        close();
        throw new IllegalStateException("Keycloak did not serve its realm within " + START_TIMEOUT + ":\n"
                + lastLines(log));
    }

    private static String lastLines(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static Optional<Path> javaHome() throws IOException {
        String given = System.getenv("KEYCLOAK_JAVA_HOME");
        if (given != null && !given.isBlank()) {
            return Optional.of(Path.of(given));
        }
        if (Runtime.version().feature() >= JAVA_NEEDED) {
            return Optional.of(Path.of(System.getProperty("java.home")));
        }
        Path installed = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(installed)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(installed)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin").resolve("java")))
                    .filter(home -> featureOf(home) >= JAVA_NEEDED)
                    .max(Comparator.comparingInt(Keycloak::featureOf));
        }
    }

    /** The feature release of a JDK, from its {@code release} file ({@code JAVA_VERSION="25.0.1"}); 0 if unknown. */
    private static int featureOf(Path home) {
        try (Stream<String> lines = Files.lines(home.resolve("release"))) {
            return lines.filter(line -> line.startsWith("JAVA_VERSION="))
                    .map(line -> line.substring("JAVA_VERSION=".length()).replace("\"", "").split("[.+-]")[0])
                    .mapToInt(Integer::parseInt).findFirst().orElse(0);
        } catch (IOException | NumberFormatException unknown) {
            return 0;
        }
    }
}
