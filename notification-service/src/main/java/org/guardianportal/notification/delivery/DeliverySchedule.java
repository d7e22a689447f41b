package org.guardianportal.notification.delivery;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.guardianportal.notification.message.MessagesQueued;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs delivery on a thread of its own, one run at a time, unless delivery is disabled: a run, then the next once
 * {@code notification.delivery.poll-interval} has passed, or at once when messages were queued for now
 * ({@link MessagesQueued}, a replay). Messages queued during a run start another run as soon as it ends.
 */
@Component
class DeliverySchedule implements SmartLifecycle {

    private final Runnable delivery;
    private final Duration pollInterval;
    private final boolean enabled;
    /** Messages queued since the last run started: a permit each time, all taken by the next run. */
    private final Semaphore queued = new Semaphore(0);
    private volatile Thread poller;

    @Autowired
    DeliverySchedule(DeliveryRun deliveryRun, DeliverySettings settings) {
        this(deliveryRun::deliverDueQuietly, settings.pollInterval(), settings.enabled());
    }

    DeliverySchedule(Runnable delivery, Duration pollInterval, boolean enabled) {
        this.delivery = delivery;
        this.pollInterval = pollInterval;
        this.enabled = enabled;
    }

    @EventListener
    void onMessagesQueued(MessagesQueued event) {
        queued.release();
    }

    @Override
    public void start() {
        if (enabled) {
            poller = new Thread(this::deliverUntilStopped, "delivery-poll");
            poller.setDaemon(true);
            poller.start();
        }
    }

    private void deliverUntilStopped() {
        try {
            while (poller == Thread.currentThread() && !Thread.currentThread().isInterrupted()) {
                queued.drainPermits();
                delivery.run();
                queued.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Ends the loop and interrupts the run in progress: its pipelines stop, and a chunk already sent is still recorded
     * ({@link DeliveryRun#destroy()}).
     */
    @Override
    public void stop() {
        Thread running = poller;
        poller = null;
        if (running != null) {
            running.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }
}
