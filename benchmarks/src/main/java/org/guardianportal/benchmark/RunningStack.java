package org.guardianportal.benchmark;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.guardianportal.launcher.FreshEnvironment;

/**
 * The whole embedded system, started by the Quick start's own command ({@code java -jar launcher/target/launcher.jar})
 * as a child process, so the time to ready is the user's and the memory of every process of the stack can be summed:
 * the launcher's JVM (Kafka, the store, GreenMail) and the four service JVMs it starts.
 */
final class RunningStack implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);

    private final Process launcher;
    private final Map<String, Integer> ports;
    private final Path dataDir;
    private final double readySeconds;
    private final Deque<String> output;

    private RunningStack(Process launcher, Map<String, Integer> ports, Path dataDir, double readySeconds,
            Deque<String> output) {
        this.launcher = launcher;
        this.ports = ports;
        this.dataDir = dataDir;
        this.readySeconds = readySeconds;
        this.output = output;
    }

    /** Starts the launcher on free ports and a fresh data folder; returns once it printed that it is ready. */
    static RunningStack start(Path launcherJar, Path dataDir, int kafkaPartitions) throws Exception {
        if (!Files.isRegularFile(launcherJar)) {
            throw new IllegalStateException("No launcher at " + launcherJar + ": build first with mvn -DskipTests package");
        }
        Map<String, String> fresh = FreshEnvironment.in(dataDir.toAbsolutePath());
        Files.createDirectories(dataDir);
        Map<String, Integer> ports = new HashMap<>();
        FreshEnvironment.PORTS.forEach(port -> ports.put(port, Integer.valueOf(fresh.get(port))));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", launcherJar.toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.putAll(fresh);
        env.put("NOTIFICATION_DELIVERY_WINDOW", "0s");
        env.put("SAVE_CAPTURED_MAIL", "false");
        env.put("KAFKA_PARTITIONS", String.valueOf(kafkaPartitions));
        env.remove("SMTP_HOST");

        long launched = System.nanoTime();
        Process process = builder.start();
        Deque<String> output = new ArrayDeque<>();
        CountDownLatch ready = new CountDownLatch(1);
        Path log = dataDir.resolve("launcher.log");
        Thread reader = new Thread(() -> readOutput(process, output, ready, log), "launcher-output");
        reader.setDaemon(true);
        reader.start();
        boolean isReady = false;
        while (!isReady && process.isAlive() && System.nanoTime() - launched < READY_TIMEOUT.toNanos()) {
            isReady = ready.await(200, TimeUnit.MILLISECONDS);
        }
        double seconds = (System.nanoTime() - launched) / 1e9;
        RunningStack stack = new RunningStack(process, ports, dataDir, seconds, output);
        if (!isReady) {
            stack.close();
            throw new IllegalStateException("The launcher was not ready within " + READY_TIMEOUT.toSeconds()
                    + " s. Its last output:\n" + stack.lastOutput());
        }
        return stack;
    }

    /** Keeps the last lines for an error message, and all of them in {@code log} (the system JVM logs there only). */
    private static void readOutput(Process process, Deque<String> output, CountDownLatch ready, Path log) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                BufferedWriter copy = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                copy.write(line);
                copy.newLine();
                copy.flush();
                synchronized (output) {
                    output.addLast(line);
                    if (output.size() > 60) {
                        output.removeFirst();
                    }
                }
                if (line.contains("is ready")) {
                    ready.countDown();
                }
            }
        } catch (IOException ended) {
            // the launcher stopped
        }
    }

    String lastOutput() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    double readySeconds() {
        return readySeconds;
    }

    String gatewayUrl() {
        return "http://localhost:" + ports.get("GATEWAY_PORT");
    }

    String kafkaBootstrapServers() {
        return "localhost:" + ports.get("KAFKA_PORT");
    }

    String mongoUri() {
        return "mongodb://localhost:" + ports.get("MONGODB_PORT");
    }

    int smtpPort() {
        return ports.get("SMTP_PORT");
    }

    /** The local delivery key the launcher generated on first start, as credential-service seals with it. */
    String deliveryKeys() throws IOException {
        return Files.readString(dataDir.resolve("delivery-keys")).trim();
    }

    /** Every process of the stack: the launcher's JVM and the service JVMs it started. */
    List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        pids.add(launcher.pid());
        launcher.descendants().filter(ProcessHandle::isAlive).forEach(child -> pids.add(child.pid()));
        return pids;
    }

    /** The resident memory of all the stack's processes together, from /proc/&lt;pid&gt;/status (VmRSS). */
    long residentBytes() {
        long total = 0;
        for (long pid : pids()) {
            total += residentBytes(pid);
        }
        return total;
    }

    static long residentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended between listing and reading
        }
        return 0;
    }

    /** Stops the launcher as Ctrl-C would (it stops the services), then anything of it still running. */
    @Override
    public void close() {
        List<ProcessHandle> children = launcher.descendants().toList();
        launcher.destroy();
        try {
            if (!launcher.waitFor(60, TimeUnit.SECONDS)) {
                launcher.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            launcher.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
