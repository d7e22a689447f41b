package org.guardianportal.launcher;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * What the embedded system listens on and where it keeps its data. Every value has the default of SPEC §3 and can be
 * changed through the environment variable named beside it.
 */
public record LauncherSettings(
        Path dataDir,
        Path servicesDir,
        int gatewayPort,
        int guardianPort,
        int credentialPort,
        int notificationPort,
        int kafkaPort,
        int kafkaControllerPort,
        int mongoPort,
        Optional<ExternalSmtp> externalSmtp,
        int smtpPort,
        Duration deliveryWindow,
        int kafkaPartitions,
        List<String> serviceJavaOptions,
        boolean saveCapturedMail,
        List<String> notificationArguments,
        Optional<OidcProvider> oidc) {

    /** A real SMTP server to deliver to instead of the embedded one. */
    public record ExternalSmtp(String host, int port, String username, String password, boolean tls) {

        @Override
        public String toString() {
            return "ExternalSmtp[host=" + host + ", port=" + port + ", username=" + username + ", password="
                    + (password.isEmpty() ? "" : "***") + ", tls=" + tls + "]";
        }
    }

    /**
     * The district's OIDC provider, when people sign in there ({@code GATEWAY_AUTH_MODE=oidc}) rather than as the
     * launcher's local users; the gateway reads the {@code OIDC_*} variables of its README row. Blank values are
     * absent.
     */
    public record OidcProvider(String issuerUri, String clientId, String clientSecret, String rolesClaim) {

        /** The gateway's variables for this provider. */
        Map<String, String> gatewayEnvironment() {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("GATEWAY_AUTH_MODE", "oidc");
            env.put("OIDC_ISSUER_URI", issuerUri);
            if (!clientId.isEmpty()) {
                env.put("OIDC_CLIENT_ID", clientId);
                env.put("OIDC_CLIENT_SECRET", clientSecret);
            }
            if (!rolesClaim.isEmpty()) {
                env.put("OIDC_ROLES_CLAIM", rolesClaim);
            }
            return env;
        }

        @Override
        public String toString() {
            return "OidcProvider[issuerUri=" + issuerUri + ", clientId=" + clientId + ", clientSecret="
                    + (clientSecret.isEmpty() ? "" : "***") + ", rolesClaim=" + rolesClaim + "]";
        }
    }

    private static final String INITIAL_HEAP = "-Xms32m";

    /**
     * A bounded heap with the Serial GC (no GC threads beside the application's); the free ratios let the heap grow
     * only as far as a burst (an import, a batch) needs and shrink back after it, instead of the default 40-70 % slack.
     * Only the quick JIT compiler (C1): on two cores, the optimising one spent more CPU compiling, in the minutes after
     * a start, than the services spent running (a profile of the benchmark: 12 s of compilation in 21 s of delivery),
     * and its compilations raised the memory peak. Credential-service and notification-service differ (see
     * {@link #javaOptionsOf}).
     */
    static final List<String> DEFAULT_JAVA_OPTIONS = withNativeHeapTrim("-XX:+UseSerialGC", INITIAL_HEAP, "-Xmx256m",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-Xss512k", "-XX:TieredStopAtLevel=1",
            "-XX:+ExitOnOutOfMemoryError");
    private static final String QUICK_COMPILER_ONLY = "-XX:TieredStopAtLevel=1";
    private static final String NATIVE_HEAP_TRIM = "TrimNativeHeapInterval";

    /**
     * The options, and every two seconds the freed native memory given back to the system, where the JVM that runs
     * this has that option (this machine's 17.0.15 has it; every JVM of the stack is started by the same Java).
     * Without it, glibc keeps what a JVM freed for its next allocations: one probe each, the same build, the stack held
     * 1.43 GiB at the peak of B1 and 0.98 GiB at rest without it, 1.35 and 0.91 GiB with it, most of the difference in
     * the system JVM (584 against 525 MB at that peak).
     */
    static List<String> withNativeHeapTrim(String... options) {
        List<String> all = new ArrayList<>(List.of(options));
        if (jvmHasOption(NATIVE_HEAP_TRIM)) {
            all.add("-XX:" + NATIVE_HEAP_TRIM + "=2000");
        }
        return List.copyOf(all);
    }

    /** Whether this JVM has the {@code -XX} option of that name; false on a JVM other than HotSpot. */
    static boolean jvmHasOption(String name) {
        HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        if (hotSpot == null) {
            return false;
        }
        try {
            hotSpot.getVMOption(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The JVM options of one service: {@code SERVICE_JAVA_OPTS} as given, or the defaults, where credential-service
     * keeps the optimising compiler and notification-service has a young generation of its own size.
     *
     * <p>Credential-service's work is mostly bcrypt, one hot loop, which costs 83 ms a hash compiled by the optimising
     * compiler and 93 ms by the quick one alone (measured here); with it, B1 at 1,000 passwords went from 0.74 to
     * 0.78-0.83. Notification-service stays on the quick one. With the optimising one it delivered 10,000 messages due
     * at once in 6.8 s instead of 7.6, but B1, which runs on both cores, went from 0.85-0.87 (four runs) to 0.81-0.84
     * (three runs: {@code benchmarks/results/2026-11-28T2122Z-6873075.md} is the last), its compilations taking CPU
     * from the hashing: B4 is short of its target either way, and B1 would be short of its own.
     *
     * <p>Notification-service allocates about 100 KB per message it delivers (the chunk's reads and writes, the mail,
     * three status events), and a chunk lives for a second or so, through several collections of the default young
     * generation (a third of a heap that stays under 90 MB): it was promoted, and the old generation filled every
     * second and a half. With 64 MB of young generation, a quick B4 (10,000 messages, three times) spent 0.24 s per
     * delivery in collections instead of 0.56 (55 young and 2 full collections against 123 and 6); the stack took
     * 30 MB more at rest.
     */
    public List<String> javaOptionsOf(String service) {
        if (!serviceJavaOptions.equals(DEFAULT_JAVA_OPTIONS)) {
            return serviceJavaOptions;
        }
        return switch (service) {
            case "credential-service" -> serviceJavaOptions.stream()
                    .filter(option -> !option.equals(QUICK_COMPILER_ONLY)).toList();
            case "notification-service" -> {
                List<String> options = new ArrayList<>(serviceJavaOptions.stream()
                        .map(option -> option.equals(INITIAL_HEAP) ? "-Xms96m" : option).toList());
                options.add("-Xmn64m");
                yield List.copyOf(options);
            }
            default -> serviceJavaOptions;
        };
    }

    public static LauncherSettings fromEnvironment(Map<String, String> env, Path defaultServicesDir) {
        Optional<ExternalSmtp> external = Optional.ofNullable(env.get("SMTP_HOST"))
                .filter(host -> !host.isBlank())
                .map(host -> new ExternalSmtp(host, intOf(env, "SMTP_PORT", 25), env.getOrDefault("SMTP_USERNAME", ""),
                        env.getOrDefault("SMTP_PASSWORD", ""), Boolean.parseBoolean(env.getOrDefault("SMTP_TLS", "false"))));
        String javaOptions = env.get("SERVICE_JAVA_OPTS");
        return new LauncherSettings(
                Path.of(env.getOrDefault("DATA_DIR", "data")).toAbsolutePath(),
                Optional.ofNullable(env.get("SERVICES_DIR")).map(Path::of).orElse(defaultServicesDir),
                intOf(env, "GATEWAY_PORT", 8080),
                intOf(env, "GUARDIAN_PORT", 8081),
                intOf(env, "CREDENTIAL_PORT", 8082),
                intOf(env, "NOTIFICATION_PORT", 8083),
                intOf(env, "KAFKA_PORT", 9092),
                intOf(env, "KAFKA_CONTROLLER_PORT", 9093),
                intOf(env, "MONGODB_PORT", 27017),
                external,
                intOf(env, "SMTP_PORT", 2525),
                Duration.parse("PT" + env.getOrDefault("NOTIFICATION_DELIVERY_WINDOW", "5s").toUpperCase()),
                intOf(env, "KAFKA_PARTITIONS", 4),
                javaOptions == null || javaOptions.isBlank() ? DEFAULT_JAVA_OPTIONS : List.of(javaOptions.trim().split("\\s+")),
                Boolean.parseBoolean(env.getOrDefault("SAVE_CAPTURED_MAIL", "true")),
                words(env.get("NOTIFICATION_ARGS")),
                oidcOf(env));
    }

    /** {@code GATEWAY_AUTH_MODE}: {@code local} (the default here) or {@code oidc}, which needs its issuer. */
    private static Optional<OidcProvider> oidcOf(Map<String, String> env) {
        String mode = env.getOrDefault("GATEWAY_AUTH_MODE", "").trim();
        if (mode.isEmpty() || mode.equals("local")) {
            return Optional.empty();
        }
        if (!mode.equals("oidc")) {
            throw new IllegalArgumentException("GATEWAY_AUTH_MODE must be local or oidc, not '" + mode + "'");
        }
        String issuer = env.getOrDefault("OIDC_ISSUER_URI", "").trim();
        if (issuer.isEmpty()) {
            throw new IllegalArgumentException(
                    "GATEWAY_AUTH_MODE=oidc needs OIDC_ISSUER_URI, the issuer of the district's OIDC provider");
        }
        return Optional.of(new OidcProvider(issuer, env.getOrDefault("OIDC_CLIENT_ID", "").trim(),
                env.getOrDefault("OIDC_CLIENT_SECRET", "").trim(), env.getOrDefault("OIDC_ROLES_CLAIM", "").trim()));
    }

    /** {@code --name=value} words; an empty or missing variable gives none. */
    private static List<String> words(String value) {
        return value == null || value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
    }

    private static int intOf(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, not '" + value + "'");
        }
    }

    public String kafkaBootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    public String mongoUri(String database) {
        return "mongodb://localhost:" + mongoPort + "/" + database;
    }

    public String gatewayUrl() {
        return "http://localhost:" + gatewayPort;
    }
}
