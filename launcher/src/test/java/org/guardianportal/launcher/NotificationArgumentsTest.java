package org.guardianportal.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class NotificationArgumentsTest {

    @Test
    void notificationArgsReplaceTheLocalDefaultsOfTheSameNameAndAddTheOthers() {
        LauncherSettings settings = LauncherSettings.fromEnvironment(Map.of("NOTIFICATION_ARGS",
                " --notification.delivery.max-attempts=2  --notification.delivery.retry.initial-backoff=1s "),
                Path.of("services"));

        assertThat(LocalSystem.withOverrides(List.of(
                "--notification.delivery.retry.initial-backoff=5s",
                "--notification.delivery.retry.max-backoff=30s"), settings.notificationArguments()))
                .containsExactly(
                        "--notification.delivery.retry.max-backoff=30s",
                        "--notification.delivery.max-attempts=2",
                        "--notification.delivery.retry.initial-backoff=1s");
    }

    @Test
    void withoutNotificationArgsTheDefaultsStay() {
        LauncherSettings settings = LauncherSettings.fromEnvironment(Map.of(), Path.of("services"));

        assertThat(settings.notificationArguments()).isEmpty();
        assertThat(LocalSystem.withOverrides(List.of("--a=1"), settings.notificationArguments())).containsExactly("--a=1");
    }
}
