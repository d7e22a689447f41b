package org.guardianportal.launcher;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import org.guardianportal.secret.DeliveryKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default of SPEC §3: one command starts a Kafka broker, the store, the SMTP server, the three services
 * and the gateway on this machine, prints where to go, and stops everything on Ctrl-C.
 */
public final class LocalSystem implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalSystem.class);
    private static final Duration SERVICE_START_TIMEOUT = Duration.ofSeconds(180);
    /** When the launch command started (epoch milliseconds), so the banner counts the whole wait. */
    static final String LAUNCHED_AT = "guardianportal.launched-at";

    private final LauncherSettings settings;
    private final Deque<AutoCloseable> infrastructure = new ArrayDeque<>();
    private final Deque<ServiceProcess> services = new ArrayDeque<>();
    private final boolean keepMailInMemory;
    private MailCapture mail;
    private boolean closed;

    /** One service as the launcher runs it: what it is called, where it listens, and how it is wired. */
    record ServiceLaunch(String name, int port, Map<String, String> environment, List<String> arguments) {
    }

    LocalSystem(LauncherSettings settings, boolean keepMailInMemory) {
        this.settings = settings;
        this.keepMailInMemory = keepMailInMemory;
    }

    /** Runs in the JVM that {@link Launcher} starts, with its bounded heap; Ctrl-C stops it, even while it starts. */
    public static void main(String[] args) throws Exception {
        long started = Long.getLong(LAUNCHED_AT, System.currentTimeMillis());
        LauncherSettings settings = LauncherSettings.fromEnvironment(System.getenv(), defaultServicesDir());
        LocalSystem system = new LocalSystem(settings, false);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping guardian portal access...");
            system.close();
            stopped.countDown();
        }, "launcher-shutdown"));
        system.startOrClose();
        double seconds = (System.currentTimeMillis() - started) / 1e3;
        System.out.println(system.banner(seconds));
        stopped.await();
    }

    /**
     * Starts the whole system and returns once every service is healthy; closes what it started if one fails. Its
     * SMTP server keeps what it receives for {@link #mail()}.
     */
    public static LocalSystem start(LauncherSettings settings) throws Exception {
        return start(settings, true);
    }

    private static LocalSystem start(LauncherSettings settings, boolean keepMailInMemory) throws Exception {
        LocalSystem system = new LocalSystem(settings, keepMailInMemory);
        system.startOrClose();
        return system;
    }

    private void startOrClose() throws Exception {
        try {
            startAll();
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        Path dataDir = settings.dataDir();
        Files.createDirectories(dataDir);
        List<ServiceLaunch> launches = serviceLaunches(settings, deliveryKeys(dataDir));

        // A service's JVM needs many seconds before it first connects, and its clients retry until the broker and the
        // store listen: starting them first lets their start-up overlap the broker's.
        Path logs = dataDir.resolve("logs");
        log.info("Starting the services (logs in {})", logs);
        for (ServiceLaunch launch : launches) {
            List<String> javaOptions = new ArrayList<>(settings.javaOptionsOf(launch.name()));
            Path archive = ServiceProcess.classDataArchive(settings.servicesDir(), launch.name());
            if (Files.isRegularFile(archive)) {
                javaOptions.add("-XX:SharedArchiveFile=" + archive);
            }
            started(ServiceProcess.start(launch, settings.servicesDir(), javaOptions, logs));
        }
        startInfrastructure();
        for (ServiceProcess service : services) {
            service.awaitHealthy(SERVICE_START_TIMEOUT);
        }
    }

    /** The broker, the store and, unless mail goes to a real SMTP server, the SMTP server that captures it. */
    void startInfrastructure() throws IOException {
        Path dataDir = settings.dataDir();
        log.info("Starting Kafka (KRaft) on {}, the store on {}", settings.kafkaPort(), settings.mongoPort());
        infrastructure.push(KafkaBroker.start(dataDir, settings.kafkaPort(), settings.kafkaControllerPort(),
                settings.kafkaPartitions()));
        infrastructure.push(MongoStore.start(dataDir, settings.mongoPort()));
        if (settings.externalSmtp().isEmpty()) {
            mail = MailCapture.start(settings.smtpPort(), settings.saveCapturedMail() ? dataDir.resolve("mail") : null,
                    keepMailInMemory);
            infrastructure.push(mail);
        }
    }

    /** Each service (the gateway last) with the environment and arguments that wire it to the rest of the system. */
    static List<ServiceLaunch> serviceLaunches(LauncherSettings settings, String deliveryKeys) {
        String smtpHost = settings.externalSmtp().map(LauncherSettings.ExternalSmtp::host).orElse("localhost");
        int smtpPort = settings.externalSmtp().map(LauncherSettings.ExternalSmtp::port).orElse(settings.smtpPort());

        Map<String, String> common = Map.of(
                // the embedded store lives inside the launcher and lacks the 'hello' command Boot's probe sends
                "MANAGEMENT_HEALTH_MONGODB_ENABLED", "false",
                "KAFKA_BOOTSTRAP_SERVERS", settings.kafkaBootstrapServers(),
                "KAFKA_PARTITIONS", String.valueOf(settings.kafkaPartitions()),
                "KAFKA_REPLICATION_FACTOR", "1");

        Map<String, String> guardian = new HashMap<>(common);
        guardian.put("MONGODB_URI", settings.mongoUri("guardians"));

        Map<String, String> credential = new HashMap<>(common);
        credential.put("MONGODB_URI", settings.mongoUri("credentials"));
        credential.put("DELIVERY_KEYS", deliveryKeys);

        Map<String, String> notification = new HashMap<>(common);
        notification.put("MONGODB_URI", settings.mongoUri("notifications"));
        notification.put("DELIVERY_KEYS", deliveryKeys);
        notification.put("SMTP_HOST", smtpHost);
        notification.put("SMTP_PORT", String.valueOf(smtpPort));
        settings.externalSmtp().ifPresent(smtp -> {
            notification.put("SMTP_USERNAME", smtp.username());
            notification.put("SMTP_PASSWORD", smtp.password());
            notification.put("SMTP_TLS", String.valueOf(smtp.tls()));
        });
        notification.put("NOTIFICATION_DELIVERY_WINDOW", settings.deliveryWindow().toMillis() + "ms");
        // local mode retries quickly, so a person trying the system sees a failure become FAILED within a minute
        List<String> notificationArguments = withOverrides(List.of(
                "--notification.delivery.retry.initial-backoff=5s",
                "--notification.delivery.retry.max-backoff=30s"), settings.notificationArguments());

        Map<String, String> gateway = new HashMap<>(settings.oidc()
                .map(LauncherSettings.OidcProvider::gatewayEnvironment).orElse(Map.of("GATEWAY_AUTH_MODE", "local")));
        gateway.put("GUARDIAN_SERVICE_URL", "http://localhost:" + settings.guardianPort());
        gateway.put("CREDENTIAL_SERVICE_URL", "http://localhost:" + settings.credentialPort());
        gateway.put("NOTIFICATION_SERVICE_URL", "http://localhost:" + settings.notificationPort());

        return List.of(
                new ServiceLaunch("guardian-service", settings.guardianPort(), guardian, List.of()),
                new ServiceLaunch("credential-service", settings.credentialPort(), credential, List.of()),
                new ServiceLaunch("notification-service", settings.notificationPort(), notification, notificationArguments),
                new ServiceLaunch("gateway", settings.gatewayPort(), gateway, List.of()));
    }

    /** The defaults, less those that {@code NOTIFICATION_ARGS} sets again (Spring would join both values), plus those. */
    static List<String> withOverrides(List<String> defaults, List<String> overrides) {
        Set<String> overridden = new HashSet<>();
        overrides.forEach(argument -> overridden.add(argument.split("=", 2)[0]));
        List<String> arguments = new ArrayList<>();
        defaults.stream().filter(argument -> !overridden.contains(argument.split("=", 2)[0])).forEach(arguments::add);
        arguments.addAll(overrides);
        return List.copyOf(arguments);
    }

    /** Local mode's delivery key: generated on first start and kept, readable by its owner only, in the data folder. */
    static String deliveryKeys(Path dataDir) throws IOException {
        Path file = dataDir.resolve("delivery-keys");
        if (!Files.exists(file)) {
            Files.writeString(file, DeliveryKeys.generate("local-1"));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the file system has no POSIX permissions; the data folder's own protection applies
            }
        }
        String keys = Files.readString(file).trim();
        DeliveryKeys.parse(keys);
        return keys;
    }

    static Path defaultServicesDir() throws URISyntaxException {
        Path launcherLocation = Path.of(LocalSystem.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return launcherLocation.getParent().resolve("services");
    }

    String banner(double startSeconds) {
        String mailLine = settings.externalSmtp()
                .map(smtp -> "Mail:      delivered to " + smtp.host() + ":" + smtp.port())
                .orElse("Mail:      captured by the embedded SMTP server on port " + settings.smtpPort()
                        + (settings.saveCapturedMail() ? ", saved under " + settings.dataDir().resolve("mail") : ""));
        return String.join("\n",
                "",
                "Guardian portal access is ready (" + String.format("%.1f", startSeconds) + " s).",
                "Admin:     " + settings.gatewayUrl() + "   (API under " + settings.gatewayUrl() + "/api)",
                signInLine(),
                mailLine,
                "Data:      " + settings.dataDir() + "   (logs in " + settings.dataDir().resolve("logs") + ")",
                "Ctrl-C stops everything.",
                "");
    }

    private String signInLine() {
        return settings.oidc().map(oidc -> oidc.clientId().isEmpty()
                        ? "Sign-in:   bearer tokens of " + oidc.issuerUri() + " only (no OIDC_CLIENT_ID: no admin UI)"
                        : "Sign-in:   at " + oidc.issuerUri() + " (client " + oidc.clientId() + ")")
                .orElse("Logins:    admin/admin (ADMIN), operator/operator (OPERATOR), portal/portal (PORTAL)"
                        + " — local mode only");
    }

    /** The embedded SMTP server, when the system runs one. */
    public Optional<MailCapture> mail() {
        return Optional.ofNullable(mail);
    }

    /** The process ids of the services, to measure the system's memory. */
    public List<Long> servicePids() {
        return services.stream().map(ServiceProcess::pid).toList();
    }

    /** Keeps a service to stop; stops it at once if the system is already stopping, so no process outlives it. */
    private synchronized void started(ServiceProcess service) {
        if (closed) {
            service.close();
            throw new IllegalStateException("Stopped while starting");
        }
        services.push(service);
    }

    /** Stops everything it started, the services first, each group in the reverse order of its start. */
    @Override
    public synchronized void close() {
        closed = true;
        stopAll(services);
        stopAll(infrastructure);
    }

    private static void stopAll(Deque<? extends AutoCloseable> started) {
        while (!started.isEmpty()) {
            AutoCloseable next = started.pop();
            try {
                next.close();
            } catch (Exception e) {
                log.warn("Could not stop {} cleanly: {}", next.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
