package org.guardianportal.guardian.guardian;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Republishes events left in outboxes (the broker was down, the service stopped before the acknowledgement),
 * oldest first, each guardian's events in their order. Several instances may relay the same event: consumers
 * treat the duplicate {@code eventId} as already applied.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class OutboxRelay implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration ROUND_TIMEOUT = Duration.ofMinutes(2);

    private final GuardianStore store;
    private final EmailEventPublisher publisher;
    private final OutboxSettings settings;
    private final Clock clock;

    OutboxRelay(GuardianStore store, EmailEventPublisher publisher, OutboxSettings settings, Clock clock) {
        this.store = store;
        this.publisher = publisher;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::relayDueEvents, settings.relayInterval());
    }

    void relayDueEvents() {
        try {
            Instant cutoff = clock.instant().minus(settings.relayAfter());
            int relayed = 0;
            while (true) {
                List<PendingEvents> due = store.findUnpublishedBefore(cutoff, settings.batchSize());
                if (due.isEmpty()) {
                    break;
                }
                int expected = due.stream().mapToInt(guardian -> guardian.events().size()).sum();
                int acknowledged = publisher.publish(due).get(ROUND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                relayed += acknowledged;
                if (acknowledged < expected || due.size() < settings.batchSize()) {
                    break;
                }
            }
            if (relayed > 0) {
                log.info("Outbox relay published {} guardian event(s) that had not been acknowledged", relayed);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Outbox relay round failed, next try in {}: {}", settings.relayInterval(), e.toString());
        }
    }
}
