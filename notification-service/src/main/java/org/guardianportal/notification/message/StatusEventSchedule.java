package org.guardianportal.notification.message;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Runs the outbox jobs of {@link StatusEvents} at the configured intervals. */
@Configuration(proxyBeanMethods = false)
class StatusEventSchedule implements SchedulingConfigurer {

    private final StatusEvents statusEvents;
    private final StatusEventSettings settings;

    StatusEventSchedule(StatusEvents statusEvents, StatusEventSettings settings) {
        this.statusEvents = statusEvents;
        this.settings = settings;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(statusEvents::clearAcknowledged, settings.acknowledgeInterval());
        registrar.addFixedDelayTask(statusEvents::relay, settings.relayAfter());
    }
}
