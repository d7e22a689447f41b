package org.guardianportal.e2e;

import java.nio.file.Path;
import java.util.Map;

import org.guardianportal.launcher.FreshEnvironment;
import org.guardianportal.launcher.LauncherSettings;
import org.guardianportal.launcher.LocalSystem;

/** The whole system as the launcher starts it, on free ports and a fresh data folder of its own, for one test class. */
final class SystemUnderTest {

    private SystemUnderTest() {
    }

    record Started(LocalSystem system, String gatewayUrl, String kafkaBootstrapServers) {
    }

    /** {@code dataFolder} names the class's own data folder under target/; {@code settings} adds launcher settings. */
    static Started start(String dataFolder, Map<String, String> settings) throws Exception {
        Path dataDir = Path.of(System.getProperty("guardianportal.data-dir", "target/e2e-data")).resolveSibling(dataFolder);
        Map<String, String> env = FreshEnvironment.in(dataDir);
        env.put("SERVICES_DIR", System.getProperty("guardianportal.services-dir", "../launcher/target/services"));
        env.put("KAFKA_PARTITIONS", "2");
        env.put("SAVE_CAPTURED_MAIL", "false");
        env.putAll(settings);
        LauncherSettings launcherSettings = LauncherSettings.fromEnvironment(env, Path.of(env.get("SERVICES_DIR")));
        return new Started(LocalSystem.start(launcherSettings), launcherSettings.gatewayUrl(),
                launcherSettings.kafkaBootstrapServers());
    }
}
