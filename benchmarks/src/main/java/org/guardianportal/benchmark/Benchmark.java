package org.guardianportal.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import org.bson.Document;
import org.guardianportal.contracts.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

import tools.jackson.databind.JsonNode;

/**
 * Measures the pipeline against this machine's own limits, as ratios, in one run (issue #3). It starts the embedded
 * system with the Quick start's command, runs B1..B5 through the gateway, measures each limit beside its scenario
 * (so a busy machine slows both), prints one Markdown table and writes it, with the same figures as JSON, under
 * {@code benchmarks/results/}. It reports; it never passes or fails on a figure.
 */
public final class Benchmark {

    private static final Logger log = LoggerFactory.getLogger(Benchmark.class);
    private static final double GIB = 1024.0 * 1024 * 1024;
    /** How long one stage may take before the run fails: seeding 100,000 messages and sending them takes about 6 min here. */
    private static final Duration COMPLETION_TIMEOUT = Duration.ofMinutes(20);
    /**
     * How often B1 asks whether its batch is done, and B4 and seeding read the log's counts to confirm what the status
     * events said: each answer reads every item or message of the batch (at 10,000 messages, a third of a second of
     * the store's time); the administrators' page asks every 1.5 s.
     */
    private static final Duration COMPLETION_POLL = Duration.ofMillis(500);
    /**
     * How often the status events already read are counted (in memory, nothing is asked of the system), and a
     * consumer group's offsets asked of the broker (next to nothing).
     */
    private static final Duration EVENTS_POLL = Duration.ofMillis(100);
    /** credential-service's consumer group: its service name. */
    private static final String CREDENTIAL_SERVICE = "credential-service";

    /** What a run saw, for the benchmark's own test: the stack before it stops, and the figures. */
    interface Probe {
        void inspect(RunningStack stack, Gateway gateway, Run run) throws Exception;
    }

    /** The counts each scenario claimed to reach, for its own test to check against the product. */
    record Run(List<Result> results, List<String> b1Batches, List<String> b4Batches, int b2LastRep,
            long b3Stored, Instant b4StartedAt) {
    }

    private final BenchmarkOptions options;
    private final List<Result> results = new ArrayList<>();
    private final List<String> b1Batches = new ArrayList<>();
    private final List<String> b4Batches = new ArrayList<>();
    private int b2LastRep;
    private long b3Stored;
    private Instant b4StartedAt;

    private Benchmark(BenchmarkOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Run run = run(options, null);
        Report report = Report.of(options, run.results());
        System.out.println();
        System.out.println(report.markdown());
        System.out.println("Written: " + report.write(options.resultsDir()));
    }

    static Run run(BenchmarkOptions options, Probe probe) throws Exception {
        if (options.b1() > options.b2()) {
            throw new IllegalArgumentException("--b1 may not exceed --b2: B1 issues passwords to guardians B2 gave an email");
        }
        return new Benchmark(options).execute(probe);
    }

    private Run execute(Probe probe) throws Exception {
        log.info("Starting the embedded system with the launcher ({})", options.launcherJar());
        try (RunningStack stack = RunningStack.start(options.launcherJar(), options.dataDir(), options.kafkaPartitions());
                MongoClient mongo = MongoClients.create(stack.mongoUri());
                SentEvents sent = SentEvents.watch(stack.kafkaBootstrapServers());
                ConsumedRecords consumption = new ConsumedRecords(stack.kafkaBootstrapServers())) {
            log.info("Ready in {} s", String.format("%.1f", stack.readySeconds()));
            Thread.sleep(5_000); // let start-up work settle before measuring memory at rest
            long restBytes = stack.residentBytes();
            Gateway gateway = new Gateway(stack.gatewayUrl());

            seedGuardians(stack, gateway);
            b2EmailImport(stack, gateway, mongo, consumption);
            long peakBytes = b1PasswordBatch(stack, gateway);
            b5Footprint(stack, restBytes, peakBytes);
            seedMessages(stack, gateway, sent);
            b3Search(gateway, mongo);
            b4Delivery(stack, gateway, mongo, sent);
            results.sort((a, b) -> a.id().compareTo(b.id()));
            Run run = new Run(List.copyOf(results), List.copyOf(b1Batches), List.copyOf(b4Batches), b2LastRep, b3Stored,
                    b4StartedAt);
            if (probe != null) {
                probe.inspect(stack, gateway, run);
            }
            return run;
        }
    }

    // ---- set-up

    /** The guardians of B1 and B2, without email, as a district system publishes them. */
    private void seedGuardians(RunningStack stack, Gateway gateway) throws Exception {
        int n = options.b2();
        log.info("Seeding {} guardians through guardian.updates.v1", n);
        long start = System.nanoTime();
        Seeds.publishGuardians(stack.kafkaBootstrapServers(), n);
        awaitTrue("guardian-service holds " + n + " guardians",
                () -> gateway.get("/api/guardians?size=1").path("total").asLong() >= n);
        log.info("{} guardians stored in {} s", n, String.format("%.1f", Limits.seconds(start)));
    }

    // ---- B2

    /**
     * Completion is a count on credential-service's projection with the driver: asking the API for each of 20,000
     * guardians on every poll would itself dominate the measurement. Each count scans the projection under its
     * collection lock, so it is first asked once credential-service has consumed the import's N events (its
     * committed offsets, asked of the broker every 100 ms), then once a second until it holds: counting once a second
     * from the import's answer on added up to a second to each measurement.
     */
    private void b2EmailImport(RunningStack stack, Gateway gateway, MongoClient mongo, ConsumedRecords consumption)
            throws Exception {
        int n = options.b2();
        MongoCollection<Document> projection = mongo.getDatabase("credentials").getCollection("eligibility");
        List<Double> scenario = new ArrayList<>();
        List<Double> limit = new ArrayList<>();
        List<Double> floor = new ArrayList<>();
        List<Double> guardianServiceFloor = new ArrayList<>();
        List<String> gatewayAnswers = new ArrayList<>();
        for (int rep = 1; rep <= options.b2Repetitions(); rep++) {
            long announced = consumption.written(Topics.GUARDIAN_EMAIL_UPDATED) + n;
            StringBuilder csv = new StringBuilder("source,externalId,email\n");
            for (int i = 0; i < n; i++) {
                csv.append(Seeds.SOURCE).append(",g").append(i).append(',').append(b2Email(i, rep)).append('\n');
            }
            String domain = "@r" + rep + ".bench.example.org";
            long start = System.nanoTime();
            Gateway.Answer answer = gateway.postCsv("/api/guardians/email-imports", csv.toString());
            if (answer.status() == 504) {
                // the gateway gave up waiting; guardian-service goes on with the import, which the projection shows
                gatewayAnswers.add("504 after " + format(Limits.seconds(start)) + " s");
            } else if (answer.status() != 200 || answer.body().path("updated").asInt() != n) {
                throw new IllegalStateException("B2: the import answered " + answer.status() + ", updated "
                        + answer.body().path("updated") + " of " + n + ": " + answer.body());
            } else {
                gatewayAnswers.add("200 after " + format(Limits.seconds(start)) + " s");
            }
            awaitTrue("credential-service consumed the import's " + n + " events",
                    () -> consumption.consumed(CREDENTIAL_SERVICE, Topics.GUARDIAN_EMAIL_UPDATED) >= announced,
                    EVENTS_POLL);
            awaitTrue("credential-service's projection holds the " + n + " imported emails",
                    () -> projection.countDocuments(Filters.regex("email", java.util.regex.Pattern.quote(domain) + "$")) >= n,
                    Duration.ofSeconds(1));
            scenario.add(Limits.seconds(start));
            limit.add(Limits.writeAndProduce(mongo, stack.kafkaBootstrapServers(), n, options.kafkaPartitions()));
            StoreFloors.ImportFloor importFloor = StoreFloors.importWrites(mongo, n);
            floor.add(importFloor.seconds());
            guardianServiceFloor.add(importFloor.guardianServiceSeconds());
            b2LastRep = rep;
            log.info("B2 #{}: {} s (limit {} s, store floor {} s)", rep, format(scenario.get(rep - 1)),
                    format(limit.get(rep - 1)), format(floor.get(rep - 1)));
        }
        Result b2 = throughputResult("B2", "import emails (CSV) until credential-service's projection holds all",
                n, scenario, limit, "bulk write of N documents to the store + N records to the broker", 0.5);
        double guardianServicePart = Figures.median(guardianServiceFloor);
        results.add(withNote(b2, "the import's HTTP answer: " + String.join(", ", gatewayAnswers) + "; "
                + storeFloor("both services' reads and conditional writes", floor, limit) + ", and at most "
                + String.format("%.2f", Figures.median(limit) / guardianServicePart)
                + " were the two services' writes to overlap entirely (guardian-service's part: "
                + format(guardianServicePart) + " s)"));
    }

    static String b2Email(int i, int rep) {
        return "g" + i + "@r" + rep + ".bench.example.org";
    }

    // ---- B1

    /** Completion through the product's API: the batch's {@code delivered} count, one call per poll. */
    private long b1PasswordBatch(RunningStack stack, Gateway gateway) throws Exception {
        int n = options.b1();
        List<String> ids = new ArrayList<>();
        for (int page = 0; ids.size() < n; page++) {
            JsonNode found = gateway.get("/api/guardians?hasEmail=true&size=500&page=" + page);
            if (found.path("items").isEmpty()) {
                throw new IllegalStateException("B1: only " + ids.size() + " guardians with an email");
            }
            found.path("items").forEach(item -> {
                if (ids.size() < n) {
                    ids.add(item.path("id").asString());
                }
            });
        }
        AtomicLong peak = new AtomicLong();
        List<Double> scenario = new ArrayList<>();
        List<Double> limit = new ArrayList<>();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(stack.residentBytes(), Math::max);
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "memory-sampler");
        sampler.setDaemon(true); // a scenario that fails must not leave the benchmark's JVM running
        for (int rep = 1; rep <= options.repetitions(); rep++) {
            if (rep == 1) {
                sampler.start();
            }
            long start = System.nanoTime();
            JsonNode accepted = gateway.post("/api/credentials/batches", Map.of("guardianIds", ids));
            if (accepted.path("accepted").asInt() != n) {
                throw new IllegalStateException("B1: the batch accepted " + accepted.path("accepted") + " of " + n
                        + ": " + accepted.path("rejected").path(0));
            }
            String batchId = accepted.path("batchId").asString();
            awaitTrue("all " + n + " messages of batch " + batchId + " are SENT", () -> {
                JsonNode batch = gateway.get("/api/credentials/batches/" + batchId);
                if (batch.path("failed").asInt() > 0) {
                    throw new IllegalStateException("B1: " + batch.path("failed") + " messages failed");
                }
                return batch.path("delivered").asInt() >= n;
            }, COMPLETION_POLL);
            scenario.add(Limits.seconds(start));
            b1Batches.add(batchId);
            if (rep == options.repetitions()) {
                sampler.interrupt();
                sampler.join();
            }
            limit.add(Limits.hashPasswords(n));
            log.info("B1 #{}: {} s (limit {} s)", rep, format(scenario.get(rep - 1)), format(limit.get(rep - 1)));
        }
        results.add(throughputResult("B1", "issue passwords (batch) until every message is SENT", n, scenario, limit,
                "bcrypt(10) of N passwords on " + Runtime.getRuntime().availableProcessors() + " cores", 0.8));
        return peak.get();
    }

    // ---- B5

    private void b5Footprint(RunningStack stack, long restBytes, long peakBytes) {
        double ready = stack.readySeconds();
        results.add(new Result("B5", "footprint: launch command to ready", "—", format(ready) + " s", "—", "—", null,
                "≤ 30 s", ready <= 30, "one cold start of `java -jar launcher/target/launcher.jar` (fresh data folder)"));
        int processes = stack.pids().size();
        results.add(new Result("B5", "footprint: resident memory at rest", processes + " processes",
                String.format("%.2f GiB", restBytes / GIB), "—", "—", null, "≤ 1.5 GiB", restBytes <= 1.5 * GIB,
                "VmRSS summed over every JVM of the stack: the launch command, the system JVM (Kafka, store, SMTP) and the 4 services"));
        results.add(new Result("B5", "footprint: resident memory at the peak of B1", processes + " processes",
                String.format("%.2f GiB", peakBytes / GIB), "—", "—", null, "≤ 1.5 GiB", peakBytes <= 1.5 * GIB,
                "sampled every 200 ms during B1's repetitions"));
    }

    // ---- B3 and B4 set-up

    /**
     * M messages in the log, produced as credential-service produces them ({@code credential.issued.v1}, sealed with
     * the launcher's real delivery key): issuing 100,000 through the API would hash 100,000 passwords first (about
     * 40 minutes of bcrypt here), which is B1's subject, not B3's. With the zero delivery window they are sent at once.
     */
    private void seedMessages(RunningStack stack, Gateway gateway, SentEvents sent) throws Exception {
        int m = options.b3Messages();
        long expected = (long) options.b1() * options.repetitions() + m;
        log.info("Seeding {} messages through credential.issued.v1", m);
        long start = System.nanoTime();
        Seeds.publishIssuedCredentials(stack.kafkaBootstrapServers(), stack.deliveryKeys(), m, seedBatchSize());
        awaitTrue("the " + m + " seeded messages are reported SENT", () -> {
            noneFailed(sent, "seeding");
            return sent.tally().sentInBatches(Seeds.SEED_BATCH) >= m;
        }, EVENTS_POLL);
        awaitTrue("the message log holds " + expected + " messages, all SENT", () -> {
            JsonNode stats = gateway.get("/api/messages/stats");
            return stats.path("total").asLong() >= expected && stats.path("byStatus").path("SENT").asLong() >= expected;
        }, Duration.ofSeconds(2));
        b3Stored = expected;
        log.info("{} messages stored and sent in {} s", m, format(Limits.seconds(start)));
    }

    private int seedBatchSize() {
        return Math.min(options.b4(), options.b3Messages());
    }

    // ---- B3

    private void b3Search(Gateway gateway, MongoClient mongo) {
        PostingsQuery store = new PostingsQuery(mongo.getDatabase("notifications"));
        String recipient = Seeds.seedRecipient(options.b3Messages() / 2);
        String twoWords = Seeds.firstName(2) + " " + Seeds.lastName(2);
        search(gateway, "subject=mot de passe", "/api/messages?size=50&subject=" + Gateway.query("mot de passe"),
                () -> store.subject(Seeds.words("mot de passe")));
        search(gateway, "recipient=<one address>", "/api/messages?size=50&recipient=" + Gateway.query(recipient),
                () -> store.recipient(recipient));
        search(gateway, "q=" + twoWords, "/api/messages?size=50&q=" + Gateway.query(twoWords),
                () -> store.words(Seeds.words(twoWords)));
    }

    /**
     * One product call, then the same query straight to the store, in turn, so that both see the same machine. The
     * store query is the sequence of reads notification-service makes ({@link PostingsQuery}): it returns the total,
     * which must equal the API's.
     */
    private void search(Gateway gateway, String name, String path, LongSupplier storeQuery) {
        List<Double> product = new ArrayList<>();
        List<Double> store = new ArrayList<>();
        long started = System.nanoTime();
        long total = -1;
        for (int call = 0; call < options.b3Calls(); call++) {
            if (call > 0 && System.nanoTime() - started > options.b3Budget().toNanos()) {
                break;
            }
            long start = System.nanoTime();
            JsonNode page = gateway.get(path);
            product.add(Limits.seconds(start) * 1000);
            total = page.path("total").asLong();

            start = System.nanoTime();
            long count = storeQuery.getAsLong();
            store.add(Limits.seconds(start) * 1000);
            if (count != total) {
                throw new IllegalStateException("B3 " + name + ": the API counted " + total + ", the store " + count);
            }
        }
        double p50 = Figures.percentile(product, 50);
        double p95 = Figures.percentile(product, 95);
        double storeP50 = Figures.percentile(store, 50);
        double storeP95 = Figures.percentile(store, 95);
        String calls = product.size() < options.b3Calls()
                ? product.size() + " calls of " + options.b3Calls() + " (stopped at the " + options.b3Budget().toSeconds() + " s budget)"
                : product.size() + " calls";
        log.info("B3 {}: p50 {} ms, p95 {} ms (store {} / {} ms), {}", name, format(p50), format(p95),
                format(storeP50), format(storeP95), calls);
        results.add(new Result("B3", "search: " + name + " (page of 50, " + total + " found)",
                "M = " + b3Stored, "p50 " + format(p50) + " ms, p95 " + format(p95) + " ms", "—",
                "store p50 " + format(storeP50) + " ms, p95 " + format(storeP95) + " ms", storeP95 / p95,
                "p95 ≤ 200 ms", p95 <= 200, calls + "; ratio = store p95 / API p95"));
    }

    // ---- B4

    /**
     * M messages due at once: one seeded batch, already SENT, replayed by the operators' API ({@code POST
     * /api/messages/replays}), which makes every one of them PENDING and due now. Completion from the status events,
     * confirmed by the API's stats.
     */
    private void b4Delivery(RunningStack stack, Gateway gateway, MongoClient mongo, SentEvents sent) throws Exception {
        int m = seedBatchSize();
        int batches = (options.b3Messages() + m - 1) / m;
        List<Double> scenario = new ArrayList<>();
        List<Double> limit = new ArrayList<>();
        List<Double> floor = new ArrayList<>();
        b4StartedAt = Instant.now();
        List<Long> requeuedTwice = new ArrayList<>();
        for (int rep = 1; rep <= options.repetitions(); rep++) {
            String batchId = Seeds.SEED_BATCH + ((rep - 1) % Math.max(1, options.b3Messages() / m));
            long size = gateway.get("/api/messages/stats?batchId=" + batchId).path("total").asLong();
            Instant since = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            long start = System.nanoTime();
            long requeued = gateway.post("/api/messages/replays", Map.of("status", "SENT", "batchId", batchId))
                    .path("requeued").asLong();
            // the replay requeues chunk after chunk while delivery runs: a message requeued and sent again before a
            // later chunk is read is requeued (and sent) once more, so 'requeued' may exceed the batch (reported)
            if (requeued < size) {
                throw new IllegalStateException("B4: " + requeued + " of " + size + " messages were queued again");
            }
            if (requeued > size) {
                requeuedTwice.add(requeued - size);
            }
            awaitTrue("the " + size + " messages of " + batchId + " are reported SENT again", () -> {
                noneFailed(sent, "B4");
                return sent.tally().sentSince(batchId, since) >= size;
            }, EVENTS_POLL);
            log.info("B4 #{}: every message reported SENT after {} s", rep, format(Limits.seconds(start)));
            // once the replay has answered, every message was requeued; none PENDING or SENDING = all sent again (a
            // message requeued twice is PENDING again after its first SENT event)
            awaitTrue("the log counts the " + size + " messages of " + batchId + " SENT again", () -> {
                JsonNode byStatus = gateway.get("/api/messages/stats?batchId=" + batchId).path("byStatus");
                if (byStatus.path("FAILED").asLong() > 0) {
                    throw new IllegalStateException("B4: messages failed");
                }
                return byStatus.path("PENDING").asLong() == 0 && byStatus.path("SENDING").asLong() == 0
                        && byStatus.path("SENT").asLong() >= size;
            }, COMPLETION_POLL);
            scenario.add(Limits.seconds(start));
            b4Batches.add(batchId);
            limit.add(Limits.sendMail(stack.smtpPort(), m));
            floor.add(StoreFloors.deliveryWrites(mongo, m));
            log.info("B4 #{} ({} of {} seeded batches): {} s (limit {} s, store floor {} s)", rep, batchId, batches,
                    format(scenario.get(rep - 1)), format(limit.get(rep - 1)), format(floor.get(rep - 1)));
        }
        Result b4 = throughputResult("B4", "deliver M messages due at once until all SENT", m, scenario, limit,
                "Jakarta Mail, one connection, to the same SMTP server", 0.7);
        String floorNote = storeFloor("the replay's, the claim's and the record's reads and conditional writes",
                floor, limit);
        results.add(withNote(b4, requeuedTwice.isEmpty() ? floorNote
                : "the replay requeued (and so sent) messages twice: " + requeuedTwice + " extra; " + floorNote));
    }

    // ---- helpers

    private Result throughputResult(String id, String scenario, int size, List<Double> seconds, List<Double> limitSeconds,
            String limitName, double target) {
        double wall = Figures.median(seconds);
        double limitWall = Figures.median(limitSeconds);
        double throughput = size / wall;
        double limitThroughput = size / limitWall;
        double ratio = throughput / limitThroughput;
        return new Result(id, scenario, String.format("%,d", size), format(wall) + " s",
                String.format("%,.0f /s", throughput),
                limitName + ": " + format(limitWall) + " s, " + String.format("%,.0f /s", limitThroughput), ratio,
                "≥ " + target, ratio >= target,
                "median of " + seconds.size() + " (runs " + join(seconds) + " s; limit " + join(limitSeconds) + " s)");
    }

    private static Result withNote(Result result, String more) {
        return new Result(result.id(), result.scenario(), result.size(), result.wall(), result.throughput(),
                result.limitText(), result.ratio(), result.target(), result.met(), result.note() + "; " + more);
    }

    /** What the store alone took for the scenario's unavoidable work ({@link StoreFloors}), and the ratio it leaves. */
    private static String storeFloor(String work, List<Double> floor, List<Double> limit) {
        return "store floor (" + work + ", the store alone): " + format(Figures.median(floor)) + " s (runs "
                + join(floor) + " s), so at most " + String.format("%.2f", Figures.median(limit) / Figures.median(floor))
                + " on this store";
    }

    private static String join(List<Double> values) {
        return String.join(", ", values.stream().map(Benchmark::format).toList());
    }

    static String format(double value) {
        return value >= 100 ? String.format("%.0f", value) : value >= 10 ? String.format("%.1f", value)
                : String.format("%.2f", value);
    }

    private static void noneFailed(SentEvents sent, String stage) {
        if (sent.tally().failed() > 0) {
            throw new IllegalStateException(stage + ": " + sent.tally().failed() + " messages failed (see notification-service's log)");
        }
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        awaitTrue(what, condition, Duration.ofMillis(250));
    }

    private static void awaitTrue(String what, BooleanSupplier condition, Duration poll) throws InterruptedException {
        long deadline = System.nanoTime() + COMPLETION_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out after " + COMPLETION_TIMEOUT.toMinutes() + " min waiting until " + what);
            }
            Thread.sleep(poll.toMillis());
        }
    }
}
