package org.guardianportal.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.guardianportal.launcher.LauncherSettings;
import org.guardianportal.launcher.LocalSystem;

/** The whole system as the launcher starts it, on free ports and a fresh data folder of its own, for one test class. */
final class SystemUnderTest {

    private SystemUnderTest() {
    }

    record Started(LocalSystem system, String gatewayUrl) {
    }

    /** {@code dataFolder} names the class's own data folder under target/; {@code settings} adds launcher settings. */
    static Started start(String dataFolder, Map<String, String> settings) throws Exception {
        Path dataDir = Path.of(System.getProperty("guardianportal.data-dir", "target/e2e-data")).resolveSibling(dataFolder);
        deleteRecursively(dataDir);
        Map<String, String> env = new HashMap<>();
        env.put("DATA_DIR", dataDir.toString());
        env.put("SERVICES_DIR", System.getProperty("guardianportal.services-dir", "../launcher/target/services"));
        for (String port : List.of("GATEWAY_PORT", "GUARDIAN_PORT", "CREDENTIAL_PORT", "NOTIFICATION_PORT",
                "KAFKA_PORT", "KAFKA_CONTROLLER_PORT", "MONGODB_PORT", "SMTP_PORT")) {
            env.put(port, String.valueOf(freePort()));
        }
        env.put("KAFKA_PARTITIONS", "2");
        env.put("SAVE_CAPTURED_MAIL", "false");
        env.putAll(settings);
        LauncherSettings launcherSettings = LauncherSettings.fromEnvironment(env, Path.of(env.get("SERVICES_DIR")));
        return new Started(LocalSystem.start(launcherSettings), launcherSettings.gatewayUrl());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
