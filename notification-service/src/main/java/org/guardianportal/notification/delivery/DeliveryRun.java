package org.guardianportal.notification.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.guardianportal.contracts.MessageStatus;
import org.guardianportal.contracts.NotificationStatusChanged;
import org.guardianportal.notification.message.DeliveryFailure;
import org.guardianportal.notification.message.DeliveryQueue;
import org.guardianportal.notification.message.MessageDocument;
import org.guardianportal.notification.message.MessageStore;
import org.guardianportal.notification.message.MessageStore.Claim;
import org.guardianportal.notification.message.MessageVersion;
import org.guardianportal.notification.message.StatusEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * One delivery run: claims due messages chunk after chunk until none is due, sends each chunk over one SMTP
 * connection and records the outcome in bulk. While a chunk is being sent, the next one is claimed and the one
 * before is recorded, so the store and the SMTP server work at the same time; at most one sent chunk waits to be
 * recorded. {@code pipelines} such loops run at once, each with its own chunks: their claims are taken one after
 * another, so they never read the same due messages, and their chunks are recorded in the order they were sent. With
 * two, while one waits for the store or the SMTP server the other works: 10,000 messages due at once (a replay, in
 * a log of 20,000, this service on the optimising compiler) were delivered in 7.96 to 9.34 s (median 8.5, six runs)
 * against 9.20 to 9.62 s with one; three gave 7.95 to 8.51 s, within that noise. In the full benchmark, on the quick
 * compiler: 6.92 s against 7.58 with one ({@code benchmarks/results/2026-11-28T2135Z-850a0ac.md}). Any number of
 * instances may run at once; a claim is exclusive.
 */
@Component
class DeliveryRun implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DeliveryRun.class);
    /** As long as a send to Kafka may block: an event not acknowledged by then is left to the outbox relay. */
    private static final Duration EVENT_ACKNOWLEDGEMENT_WAIT = Duration.ofSeconds(5);

    private final MessageStore store;
    private final DeliveryQueue queue;
    private final StatusEvents statusEvents;
    private final MailDispatcher dispatcher;
    private final RetryPolicy retryPolicy;
    private final DeliverySettings settings;
    private final Clock clock;
    private final ExecutorService pipelines;
    /** One thread: claims are taken one after another, whichever pipeline asks. */
    private final ExecutorService nextClaim;
    /** One thread: chunks are recorded in the order they were sent. */
    private final ExecutorService recorder;

    DeliveryRun(MessageStore store, DeliveryQueue queue, StatusEvents statusEvents, MailDispatcher dispatcher,
            RetryPolicy retryPolicy, DeliverySettings settings, Clock clock) {
        this.store = store;
        this.queue = queue;
        this.statusEvents = statusEvents;
        this.dispatcher = dispatcher;
        this.retryPolicy = retryPolicy;
        this.settings = settings;
        this.clock = clock;
        this.pipelines = Executors.newFixedThreadPool(settings.pipelines(), named("delivery-pipeline"));
        this.nextClaim = Executors.newSingleThreadExecutor(named("delivery-claim"));
        this.recorder = Executors.newSingleThreadExecutor(named("delivery-record"));
    }

    private static ThreadFactory named(String name) {
        AtomicInteger threads = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** A chunk already sent is still recorded: otherwise it would be sent again once its lease is over. */
    @Override
    public void destroy() throws InterruptedException {
        pipelines.shutdownNow();
        nextClaim.shutdownNow();
        recorder.shutdown();
        if (!recorder.awaitTermination(10, TimeUnit.SECONDS)) {
            log.warn("A sent chunk was not recorded before shutdown: its messages are sent again once their lease is over");
        }
    }

    /** For {@link DeliverySchedule}: a failing run (store unreachable) is logged and the next poll tries again. */
    void deliverDueQuietly() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            log.warn("Delivery run interrupted, next poll retries: {}", e.getMessage());
        }
    }

    /**
     * Runs the pipelines until none finds anything due. If recording a chunk fails (store unreachable), its pipeline
     * stops once the chunk it sent meanwhile is recorded too (or that failed as well: then it is sent again once its
     * lease is over, as after a crash); the chunk claimed meanwhile is sent once its lease is over. The other pipelines
     * go on until they fail or find nothing due; then the first failure is thrown. When nothing is due, as at most
     * polls, the run looks once, whatever the number of pipelines.
     *
     * @return how many messages this run sent
     */
    int deliverDue() {
        Claim first = claimDue();
        if (first.messages().isEmpty()) {
            return 0;
        }
        List<Future<Integer>> running = new ArrayList<>();
        running.add(pipelines.submit(() -> deliverChunks(first)));
        for (int pipeline = 1; pipeline < settings.pipelines(); pipeline++) {
            running.add(pipelines.submit(() -> deliverChunks(outcome(nextClaim.submit(this::claimDue)))));
        }
        int sent = 0;
        RuntimeException failure = null;
        for (Future<Integer> pipeline : running) {
            try {
                sent += outcome(pipeline);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return sent;
    }

    /** One pipeline: sends and records its first claim, then claims, sends and records chunks until none is due. */
    private int deliverChunks(Claim first) {
        int sent = 0;
        Future<Integer> recording = null;
        Claim claim = first;
        try {
            while (!claim.messages().isEmpty()) {
                Future<Claim> next = nextClaim.submit(this::claimDue);
                SentChunk chunk = send(claim);
                Future<Integer> previous = recording;
                recording = recorder.submit(() -> record(chunk));
                if (previous != null) {
                    sent += outcome(previous);
                }
                claim = outcome(next);
            }
        } finally {
            if (recording != null) {
                sent += outcome(recording);
            }
        }
        return sent;
    }

    /** The next chunk of due messages, taken by this run; empty if none is due or another instance took them. */
    private Claim claimDue() {
        Instant now = clock.instant();
        List<MessageVersion> due = queue.takeDue(now, settings.claimSize(), settings.lease());
        return store.claim(due, now, settings.lease());
    }

    /** The event of each message's outcome, as {@link MessageStore#recordDeliveries} is about to store it. */
    private static List<NotificationStatusChanged> outcomeEvents(List<MessageDocument> messages,
            Map<String, DeliveryFailure> failures, Instant now) {
        return messages.stream().map(message -> {
            DeliveryFailure failure = failures.get(message.id());
            return failure == null
                    ? StatusEvents.nextChange(message, MessageStatus.SENT, message.attempts() + 1, message.lastError(),
                            now)
                    : StatusEvents.nextChange(message, failure.status(), failure.attempts(), failure.lastError(), now);
        }).toList();
    }

    private static <T> T outcome(Future<T> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while claiming or recording messages", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("Claiming or recording messages failed", e.getCause());
        }
    }

    /** A chunk sent, and the error of each message the SMTP server did not accept. */
    private record SentChunk(List<MessageDocument> messages, Map<String, String> errors, Instant at) {
    }

    private SentChunk send(Claim claim) {
        statusEvents.publish(claim.messages());
        Map<String, String> errors = dispatcher.send(claim.messages());
        return new SentChunk(claim.messages(), errors, clock.instant());
    }

    /**
     * Publishes each outcome's event, then stores the outcomes: those Kafka acknowledged are stored without an outbox
     * mark, which saves the write that would clear it, and the chunk is never read back.
     */
    private int record(SentChunk chunk) {
        List<MessageDocument> messages = chunk.messages();
        Map<String, String> errors = chunk.errors();
        Instant now = chunk.at();
        List<MessageVersion> sent = messages.stream()
                .filter(message -> !errors.containsKey(message.id()))
                .map(MessageVersion::of)
                .toList();
        Map<String, DeliveryFailure> failures = messages.stream()
                .filter(message -> errors.containsKey(message.id()))
                .collect(Collectors.toMap(MessageDocument::id, message -> retryPolicy.afterFailure(
                        MessageVersion.of(message), message.attempts(), errors.get(message.id()), now),
                        (first, second) -> first, LinkedHashMap::new));
        Map<String, Instant> retries = failures.values().stream().filter(failure -> failure.retryAt() != null)
                .collect(Collectors.toMap(failure -> failure.claimed().id(), DeliveryFailure::retryAt));
        queue.schedule(retries);
        Set<String> published = statusEvents.publishBeforeStoring(outcomeEvents(messages, failures, now),
                EVENT_ACKNOWLEDGEMENT_WAIT);
        store.recordDeliveries(now, sent, failures.values(), published);
        queue.release(messages.stream().filter(message -> !retries.containsKey(message.id())).toList());
        long failedForGood = failures.values().stream().filter(failure -> failure.retryAt() == null).count();
        if (failures.isEmpty()) {
            log.info("Delivery chunk of {}: {} sent", messages.size(), sent.size());
        } else {
            log.info("Delivery chunk of {}: {} sent, {} to retry, {} failed for good; first error: {}",
                    messages.size(), sent.size(), failures.size() - failedForGood, failedForGood,
                    failures.values().iterator().next().lastError());
        }
        return sent.size();
    }
}
