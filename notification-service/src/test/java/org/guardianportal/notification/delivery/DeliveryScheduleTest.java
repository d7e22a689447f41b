package org.guardianportal.notification.delivery;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;

import org.guardianportal.notification.message.MessagesQueued;
import org.junit.jupiter.api.Test;

/** The delivery loop, running a run that notes when it runs: once per poll interval, and at once when woken. */
class DeliveryScheduleTest {

    private static final Duration HOURLY = Duration.ofHours(1);

    private final BlockingQueue<String> runs = new LinkedBlockingQueue<>();

    @Test
    void messagesQueuedStartARunAtOnceRatherThanAtTheNextPoll() throws Exception {
        DeliverySchedule schedule = new DeliverySchedule(() -> runs.add("run"), HOURLY, true);
        schedule.start();
        try {
            assertThat(runs.poll(5, SECONDS)).as("the first run, at start").isNotNull();
            assertThat(runs.poll(300, MILLISECONDS)).as("no other run before the poll interval").isNull();

            schedule.onMessagesQueued(new MessagesQueued());

            assertThat(runs.poll(5, SECONDS)).as("a run, at once").isNotNull();
            assertThat(runs.poll(300, MILLISECONDS)).as("and only one").isNull();
        } finally {
            schedule.stop();
        }
    }

    @Test
    void messagesQueuedDuringARunStartOneMoreRunAsSoonAsItEnds() throws Exception {
        CountDownLatch inFirstRun = new CountDownLatch(1);
        CountDownLatch endFirstRun = new CountDownLatch(1);
        DeliverySchedule schedule = new DeliverySchedule(() -> {
            if (inFirstRun.getCount() > 0) {
                inFirstRun.countDown();
                await(endFirstRun);
            }
            runs.add("run");
        }, HOURLY, true);
        schedule.start();
        try {
            assertThat(inFirstRun.await(5, SECONDS)).isTrue();
            schedule.onMessagesQueued(new MessagesQueued());
            schedule.onMessagesQueued(new MessagesQueued());
            endFirstRun.countDown();

            assertThat(runs.poll(5, SECONDS)).as("the first run").isNotNull();
            assertThat(runs.poll(5, SECONDS)).as("the run the queued messages started").isNotNull();
            assertThat(runs.poll(300, MILLISECONDS)).as("one run for both").isNull();
        } finally {
            schedule.stop();
        }
    }

    @Test
    void aStoppedOrDisabledScheduleRunsNothing() throws Exception {
        DeliverySchedule disabled = new DeliverySchedule(() -> runs.add("run"), Duration.ofMillis(10), false);
        disabled.start();
        disabled.onMessagesQueued(new MessagesQueued());
        assertThat(runs.poll(300, MILLISECONDS)).isNull();
        assertThat(disabled.isRunning()).isFalse();

        DeliverySchedule stopped = new DeliverySchedule(() -> runs.add("run"), HOURLY, true);
        stopped.start();
        assertThat(runs.poll(5, SECONDS)).isNotNull();
        stopped.stop();
        stopped.onMessagesQueued(new MessagesQueued());
        assertThat(runs.poll(300, MILLISECONDS)).isNull();
        assertThat(stopped.isRunning()).isFalse();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
