package org.guardianportal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.guardianportal.e2e.GatewayClient.Response;
import org.guardianportal.launcher.FreshEnvironment;
import org.junit.jupiter.api.Test;

/**
 * The Quick start's first command itself, {@code java -jar launcher/target/launcher.jar}, as a person runs it, on free
 * ports and a fresh data folder. Signals are sent with {@link ProcessHandle#destroy()} (SIGTERM), no tool of the
 * machine's needed.
 */
class LaunchCommandEndToEndTest {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(1);
    /** {@code jcmd VM.info}: the class data archives mapped, the JDK's then the one given (none: one end twice). */
    private static final Pattern CDS_MAPPED =
            Pattern.compile("CDS archive\\(s\\) mapped at: \\[0x(\\p{XDigit}+)-0x(\\p{XDigit}+)-0x(\\p{XDigit}+)\\)");

    private final Path launcherJar = Path.of(System.getProperty("guardianportal.launcher-jar",
            "../launcher/target/launcher.jar"));
    private final Path work = Path.of(System.getProperty("guardianportal.data-dir", "target/e2e-data"))
            .resolveSibling("e2e-launch");

    /**
     * Ctrl-C signals every process of the terminal's foreground group at once (SIGINT); here every process of the
     * stack is sent SIGTERM at once, which the JVMs handle alike (their shutdown hooks) and which a test run in the
     * background cannot have ignored, as it may SIGINT. Then the launcher alone is sent SIGTERM, as {@code docker
     * stop} or a service manager would.
     */
    @Test
    void everyServiceStartsOnItsClassDataArchiveAndASignalStopsEverythingKeepingWhatWasAccepted() throws Exception {
        Files.createDirectories(work);
        Map<String, String> env = FreshEnvironment.in(work.resolve("data"));
        env.put("SAVE_CAPTURED_MAIL", "false");
        String guardianId;

        Process first = launch(env, "first.log");
        List<ProcessHandle> stack = first.descendants().toList();
        try {
            // the system's JVM (broker, store, SMTP server) and the four services
            assertThat(stack).hasSize(5);
            List<ProcessHandle> services = stack.stream().filter(process -> process.info().commandLine().orElse("")
                    .contains("-XX:SharedArchiveFile=")).toList();
            assertThat(services).hasSize(4);
            for (ProcessHandle service : services) {
                assertThat(topArchiveMapped(service)).as("the class data archive of %s",
                        service.info().commandLine().orElse("")).isTrue();
            }
            Response created = admin(env).post("/api/guardians", Map.of("firstName", "Zoé", "lastName", "Lemaire"));
            assertThat(created.status()).isEqualTo(201);
            guardianId = created.body().path("id").asString();

            first.destroy();
            stack.forEach(ProcessHandle::destroy);
            assertAllStopped(first, stack);
        } finally {
            killLeftOf(first, stack);
        }

        Process second = launch(env, "second.log");
        List<ProcessHandle> restarted = second.descendants().toList();
        try {
            Response found = admin(env).get("/api/guardians?q=lemaire");
            assertThat(found.body().path("items").path(0).path("id").asString()).isEqualTo(guardianId);

            second.destroy();
            assertAllStopped(second, restarted);
        } finally {
            killLeftOf(second, restarted);
        }
    }

    private static GatewayClient admin(Map<String, String> env) {
        return GatewayClient.as("http://localhost:" + env.get("GATEWAY_PORT"), "admin", "admin");
    }

    /** A failed step leaves no process of the stack running, even one the launcher's end left behind. */
    private static void killLeftOf(Process launcher, List<ProcessHandle> stack) {
        launcher.descendants().forEach(ProcessHandle::destroyForcibly);
        stack.forEach(ProcessHandle::destroyForcibly);
        launcher.destroyForcibly();
    }

    /** Started as the Quick start does, once its banner says the system is ready. */
    private Process launch(Map<String, String> env, String logName) throws IOException, InterruptedException {
        Path log = work.resolve(logName);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", launcherJar.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process launcher = builder.start();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!Files.readString(log).contains("Guardian portal access is ready")) {
            if (!launcher.isAlive() || Instant.now().isAfter(deadline)) {
                killLeftOf(launcher, List.of());
                throw new AssertionError("The launcher did not get ready:\n" + Files.readString(log));
            }
            Thread.sleep(250);
        }
        return launcher;
    }

    private static boolean topArchiveMapped(ProcessHandle service) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(service.pid()), "VM.info").redirectErrorStream(true).start();
        String info = new String(jcmd.getInputStream().readAllBytes());
        jcmd.waitFor(30, TimeUnit.SECONDS);
        Matcher mapped = CDS_MAPPED.matcher(info);
        assertThat(mapped.find()).as("jcmd VM.info names the mapped archives:\n%s", info).isTrue();
        return new BigInteger(mapped.group(3), 16).compareTo(new BigInteger(mapped.group(2), 16)) > 0;
    }

    private static void assertAllStopped(Process launcher, List<ProcessHandle> stack) throws InterruptedException {
        assertThat(launcher.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("the launcher ended").isTrue();
        for (ProcessHandle process : stack) {
            process.onExit().completeOnTimeout(process, STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
            assertThat(process.isAlive()).as("%s ended", process.info().commandLine().orElse("a process")).isFalse();
        }
    }
}
