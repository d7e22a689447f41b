package org.guardianportal.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Run by the build (the launcher's package phase). A service JVM spends about half of its start-up CPU time reading,
 * parsing and verifying classes, and the system starts four of them on two cores; so the build unpacks each service's
 * executable jar into {@code services/<name>/} and starts it once, against a throw-away broker and store, up to the end
 * of Spring's refresh, with {@code -XX:ArchiveClassesAtExit}: the launcher then starts it with that class data sharing
 * archive. A service whose archive is newer than its executable jar is left as it is.
 */
final class ClassDataTraining {

    private static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(5);

    private ClassDataTraining() {
    }

    /** Arguments: the folder of the executable jars, the services folder the launcher reads, a work folder. */
    public static void main(String[] args) throws Exception {
        Path executableJars = Path.of(args[0]);
        Path servicesDir = Path.of(args[1]).toAbsolutePath().normalize();
        Path workDir = Path.of(args[2]).toAbsolutePath();
        Map<String, String> env = FreshEnvironment.in(workDir);
        env.put("SAVE_CAPTURED_MAIL", "false");
        LauncherSettings settings = LauncherSettings.fromEnvironment(env, servicesDir);
        Files.createDirectories(workDir);
        List<LocalSystem.ServiceLaunch> stale = new ArrayList<>();
        for (LocalSystem.ServiceLaunch launch : LocalSystem.serviceLaunches(settings, LocalSystem.deliveryKeys(workDir))) {
            Path executableJar = executableJars.resolve(launch.name() + ".jar");
            Path archive = ServiceProcess.classDataArchive(servicesDir, launch.name());
            if (!Files.exists(archive)
                    || Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(executableJar)) < 0) {
                unpack(executableJar, ServiceProcess.jar(servicesDir, launch.name()).getParent());
                stale.add(launch);
            }
        }
        if (!stale.isEmpty()) {
            record(settings, stale, workDir.resolve("logs"));
        }
        FreshEnvironment.deleteRecursively(workDir);
    }

    /** Spring Boot's own layout for class data sharing: the application jar with its libraries in {@code lib/}. */
    private static void unpack(Path executableJar, Path destination) throws Exception {
        FreshEnvironment.deleteRecursively(destination);
        Process process = new ProcessBuilder(java(), "-Djarmode=tools", "-jar", executableJar.toString(),
                "extract", "--destination", destination.toString())
                .inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("Could not unpack " + executableJar + " (exit code " + process.exitValue() + ")");
        }
    }

    private static void record(LauncherSettings settings, List<LocalSystem.ServiceLaunch> launches, Path logs)
            throws Exception {
        try (LocalSystem infrastructure = new LocalSystem(settings, false)) {
            infrastructure.startInfrastructure();
            List<ServiceProcess> trainings = new ArrayList<>();
            for (LocalSystem.ServiceLaunch launch : launches) {
                List<String> javaOptions = new ArrayList<>(settings.javaOptionsOf(launch.name()));
                javaOptions.add("-XX:ArchiveClassesAtExit="
                        + ServiceProcess.classDataArchive(settings.servicesDir(), launch.name()));
                javaOptions.add("-Dspring.context.exit=onRefresh");
                trainings.add(ServiceProcess.start(launch, settings.servicesDir(), javaOptions, logs));
            }
            for (ServiceProcess training : trainings) {
                training.awaitExit(TRAINING_TIMEOUT);
            }
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

}
