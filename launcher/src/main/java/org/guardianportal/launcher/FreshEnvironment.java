package org.guardianportal.launcher;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * The launcher's environment for a system that must not meet another on this machine (the build's class data
 * training, the end-to-end tests, the benchmark): an emptied data folder of its own and a free port for every
 * listener.
 */
public final class FreshEnvironment {

    public static final List<String> PORTS = List.of("GATEWAY_PORT", "GUARDIAN_PORT", "CREDENTIAL_PORT",
            "NOTIFICATION_PORT", "KAFKA_PORT", "KAFKA_CONTROLLER_PORT", "MONGODB_PORT", "SMTP_PORT");
    /** Where the system's ports for outgoing connections start unless it says otherwise (Linux's default). */
    private static final int EPHEMERAL_START = 32_768;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int LOWEST = 10_000;
    private static final int ATTEMPTS = 200;

    private FreshEnvironment() {
    }

    /** {@code DATA_DIR} (emptied first) and every port variable, each on a port free right now; add to it at will. */
    public static Map<String, String> in(Path dataDir) throws IOException {
        deleteRecursively(dataDir);
        Map<String, String> env = new HashMap<>();
        env.put("DATA_DIR", dataDir.toString());
        int below = ephemeralStart();
        for (String port : PORTS) {
            env.put(port, String.valueOf(freePort(below, env)));
        }
        return env;
    }

    /** A port free now for one more listener beside the system (a test's own server), chosen as the system's are. */
    public static int freePort() throws IOException {
        return freePort(ephemeralStart(), Map.of());
    }

    /**
     * A port free now, below the range the system gives outgoing connections from: a port it hands out itself (port
     * 0) comes from that very range, where the broker's, the store's and the services' own connections, opened while
     * the listeners start, may take it first (notification-service once found its port taken so). Where that range
     * leaves too little room below it, the system's choice.
     */
    static int freePort(int below, Map<String, String> chosen) throws IOException {
        for (int attempt = 0; below - LOWEST > 1_000 && attempt < ATTEMPTS; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(LOWEST, below);
            if (!chosen.containsValue(String.valueOf(candidate)) && isFree(candidate)) {
                return candidate;
            }
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /**
     * The first port of {@code ip_local_port_range}, or Linux's default where it cannot be read. Read as lines: read
     * as bytes, that file gave its first byte only (Java 17 here).
     */
    static int ephemeralStart() {
        try {
            return Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException unreadable) {
            return EPHEMERAL_START;
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
