package org.guardianportal.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stack of its own: an emptied data folder and distinct free ports, outside the range of outgoing connections. */
class FreshEnvironmentTest {

    @TempDir
    Path temp;

    @Test
    void everyListenerGetsItsOwnFreePortBelowTheRangeOfOutgoingConnections() throws IOException {
        Path data = Files.createDirectories(temp.resolve("data"));
        Files.writeString(data.resolve("left-over"), "from a run before");

        Map<String, String> env = FreshEnvironment.in(data);

        assertThat(env.get("DATA_DIR")).isEqualTo(data.toString());
        assertThat(data).doesNotExist();
        List<Integer> ports = FreshEnvironment.PORTS.stream().map(name -> Integer.valueOf(env.get(name))).toList();
        assertThat(ports).doesNotHaveDuplicates()
                .allSatisfy(port -> assertThat(port).isBetween(10_000, FreshEnvironment.ephemeralStart() - 1));
        for (int port : ports) {
            try (ServerSocket listener = new ServerSocket(port)) {
                assertThat(listener.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void withNoRoomBelowTheRangeTheSystemChooses() throws IOException {
        int port = FreshEnvironment.freePort(10_500, Map.of());

        assertThat(port).isPositive();
        try (ServerSocket listener = new ServerSocket(port)) {
            assertThat(listener.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void theRangeIsReadFromTheSystem() throws IOException {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        int expected = Files.isReadable(range)
                ? Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0]) : 32_768;

        assertThat(FreshEnvironment.ephemeralStart()).isEqualTo(expected);
    }
}
