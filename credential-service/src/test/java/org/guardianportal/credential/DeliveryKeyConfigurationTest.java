package org.guardianportal.credential;

import static org.assertj.core.api.Assertions.assertThat;

import org.guardianportal.secret.DeliveryKeys;
import org.guardianportal.secret.SecretSealer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class DeliveryKeyConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
            .withUserConfiguration(DeliveryKeyConfiguration.class);

    @Test
    void theServiceRefusesToStartWithoutADeliveryKey() {
        context.withPropertyValues("delivery.keys=${DELIVERY_KEYS}").run(started -> {
            assertThat(started).hasFailed();
            Throwable root = started.getStartupFailure();
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertThat(root).hasMessageContaining("No delivery key: set DELIVERY_KEYS");
        });
    }

    @Test
    void aDeliveryKeySealsSecretsTheNotificationSideOpens() {
        String keys = DeliveryKeys.generate("k1");
        context.withPropertyValues("delivery.keys=" + keys).run(started -> {
            SecretSealer sealer = started.getBean(SecretSealer.class);
            assertThat(new SecretSealer(DeliveryKeys.parse(keys)).open(sealer.seal("s3cret", "g1"), "g1"))
                    .isEqualTo("s3cret");
        });
    }
}
