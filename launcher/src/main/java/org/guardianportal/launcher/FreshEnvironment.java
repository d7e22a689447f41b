package org.guardianportal.launcher;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The launcher's environment for a system that must not meet another on this machine (the build's class data
 * training, the end-to-end tests): an emptied data folder of its own and a free port for every listener.
 */
public final class FreshEnvironment {

    private static final List<String> PORTS = List.of("GATEWAY_PORT", "GUARDIAN_PORT", "CREDENTIAL_PORT",
            "NOTIFICATION_PORT", "KAFKA_PORT", "KAFKA_CONTROLLER_PORT", "MONGODB_PORT", "SMTP_PORT");

    private FreshEnvironment() {
    }

    /** {@code DATA_DIR} (emptied first) and every port variable, each on a port free right now; add to it at will. */
    public static Map<String, String> in(Path dataDir) throws IOException {
        deleteRecursively(dataDir);
        Map<String, String> env = new HashMap<>();
        env.put("DATA_DIR", dataDir.toString());
        for (String port : PORTS) {
            try (ServerSocket socket = new ServerSocket(0)) {
                env.put(port, String.valueOf(socket.getLocalPort()));
            }
        }
        return env;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
