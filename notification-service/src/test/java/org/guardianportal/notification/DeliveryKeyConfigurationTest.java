package org.guardianportal.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.guardianportal.secret.DeliveryKeys;
import org.guardianportal.secret.SecretSealer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class DeliveryKeyConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(NotificationSettings.class)
    static class Settings {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Settings.class, SecretConfiguration.class)
            .withPropertyValues("notification.portal-url=https://portail.example.org/",
                    "notification.mail.from=no-reply@example.org");

    @Test
    void theServiceRefusesToStartWithoutDeliveryKeysAndSaysWhichVariableToSet() {
        context.withPropertyValues("notification.delivery-keys=${DELIVERY_KEYS}").run(started -> {
            assertThat(started).hasFailed();
            assertThat(started.getStartupFailure()).rootCause()
                    .hasMessageContaining("No delivery key: set DELIVERY_KEYS");
        });
    }

    @Test
    void aMalformedKeyIsRefusedWithItsReason() {
        context.withPropertyValues("notification.delivery-keys=k1:dG9vLXNob3J0").run(started ->
                assertThat(started.getStartupFailure()).rootCause().hasMessageContaining("AES-256 needs 32"));
    }

    @Test
    void aValidKeyOpensWhatItSealed() {
        context.withPropertyValues("notification.delivery-keys=" + DeliveryKeys.generate("k1")).run(started -> {
            SecretSealer sealer = started.getBean(SecretSealer.class);
            assertThat(sealer.open(sealer.seal("Abc9Def7Ghj", "g-1"), "g-1")).isEqualTo("Abc9Def7Ghj");
        });
    }
}
