package org.guardianportal.notification;

import java.time.Clock;

import org.guardianportal.secret.DeliveryKeys;
import org.guardianportal.secret.SecretSealer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SecretConfiguration {

    /** Refuses to start without a usable delivery key: messages could be stored but never opened. */
    @Bean
    SecretSealer secretSealer(NotificationSettings settings) {
        String keys = settings.deliveryKeys();
        // an unset DELIVERY_KEYS reaches us as the literal placeholder; DeliveryKeys words the refusal
        boolean unresolved = keys != null && keys.startsWith("${");
        return new SecretSealer(DeliveryKeys.parse(unresolved ? null : keys));
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
