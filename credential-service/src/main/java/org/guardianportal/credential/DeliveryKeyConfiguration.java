package org.guardianportal.credential;

import org.guardianportal.secret.DeliveryKeys;
import org.guardianportal.secret.SecretSealer;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The delivery key shared with notification-service: passwords leave this service only sealed with it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeliveryKeyConfiguration.DeliverySettings.class)
class DeliveryKeyConfiguration {

    /** {@code delivery.keys}: {@code keyId:base64Key[,...]}, from {@code DELIVERY_KEYS}. */
    @ConfigurationProperties("delivery")
    record DeliverySettings(String keys) {
    }

    /** Refuses to start without a usable key; {@link DeliveryKeys#parse} says what is wrong. */
    @Bean
    SecretSealer secretSealer(DeliverySettings settings) {
        String keys = settings.keys();
        // binding leaves an unset ${DELIVERY_KEYS} as the literal placeholder: that is no key at all
        boolean unset = keys != null && keys.startsWith("${");
        return new SecretSealer(DeliveryKeys.parse(unset ? null : keys));
    }
}
