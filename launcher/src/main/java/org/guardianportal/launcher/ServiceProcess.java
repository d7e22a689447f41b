package org.guardianportal.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One service of the system, run as its own JVM from its executable jar, with its output in a log file. */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Path logFile;
    private final Process process;

    private ServiceProcess(String name, int port, Path logFile, Process process) {
        this.name = name;
        this.port = port;
        this.logFile = logFile;
        this.process = process;
    }

    /** The service's jar, unpacked by the build with its libraries beside it (class data sharing needs plain jars). */
    static Path jar(Path servicesDir, String name) {
        return servicesDir.toAbsolutePath().normalize().resolve(name).resolve(name + ".jar");
    }

    /** The classes the service's start-up loads, parsed and verified by the build ({@link ClassDataTraining}). */
    static Path classDataArchive(Path servicesDir, String name) {
        return jar(servicesDir, name).resolveSibling(name + ".jsa");
    }

    static ServiceProcess start(LocalSystem.ServiceLaunch launch, Path servicesDir, List<String> javaOptions,
            Path logDir) throws IOException {
        Path jar = jar(servicesDir, launch.name());
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No jar for " + launch.name() + " at " + jar
                    + ": build first with mvn -DskipTests package");
        }
        Files.createDirectories(logDir);
        Path logFile = logDir.resolve(launch.name() + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(launch.arguments());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
        builder.environment().putAll(launch.environment());
        builder.environment().put("SERVER_PORT", String.valueOf(launch.port()));
        return new ServiceProcess(launch.name(), launch.port(), logFile, builder.start());
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    /** Waits until the service's health endpoint answers UP; fails early, with the end of its log, if it died. */
    void awaitHealthy(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " stopped while starting (exit code " + process.exitValue()
                        + "). End of " + logFile + ":\n" + tailOfLog());
            }
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep waiting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " was not healthy within " + timeout.toSeconds() + " s. End of "
                + logFile + ":\n" + tailOfLog());
    }

    /** Waits until the process ends; fails, with the end of its log, if it failed or took longer than the timeout. */
    void awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " did not end within " + timeout.toSeconds() + " s. End of "
                    + logFile + ":\n" + tailOfLog());
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(name + " ended with exit code " + process.exitValue() + ". End of "
                    + logFile + ":\n" + tailOfLog());
        }
    }

    private String tailOfLog() {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Asks the service to stop (SIGTERM: Spring shuts down gracefully), and kills it if it has not within 20 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
