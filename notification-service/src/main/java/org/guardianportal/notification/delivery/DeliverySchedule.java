package org.guardianportal.notification.delivery;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Polls for due messages every {@code notification.delivery.poll-interval}, unless delivery is disabled. */
@Configuration(proxyBeanMethods = false)
class DeliverySchedule implements SchedulingConfigurer {

    private final DeliveryRun deliveryRun;
    private final DeliverySettings settings;

    DeliverySchedule(DeliveryRun deliveryRun, DeliverySettings settings) {
        this.deliveryRun = deliveryRun;
        this.settings = settings;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (settings.enabled()) {
            registrar.addFixedDelayTask(deliveryRun::deliverDueQuietly, settings.pollInterval());
        }
    }
}
