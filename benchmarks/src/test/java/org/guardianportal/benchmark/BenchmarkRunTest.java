package org.guardianportal.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import tools.jackson.databind.JsonNode;

/**
 * The benchmark at tiny sizes, on one start of the real system: each scenario counts what it claims to count, checked
 * independently through the product's API before the system stops, and the report holds every figure.
 */
class BenchmarkRunTest {

    private static final int B1 = 3;
    private static final int B2 = 5;
    private static final int B3 = 12;
    private static final int B4 = 4;

    @Test
    void everyScenarioMeasuresWhatItClaimsAndTheReportHoldsIt() throws Exception {
        Path dir = Path.of(System.getProperty("guardianportal.bench-dir", "target/bench-test"));
        BenchmarkOptions options = new BenchmarkOptions(B1, B2, B3, 3, Duration.ofSeconds(20), B4, 1, 1, 2,
                Path.of(System.getProperty("guardianportal.launcher-jar", "../launcher/target/launcher.jar")),
                dir.resolve("data"), dir.resolve("results"));
        List<String> checked = new ArrayList<>();

        Benchmark.Run run = Benchmark.run(options, (stack, gateway, seen) -> {
            // B1: each measured batch really delivered every message
            assertThat(seen.b1Batches()).hasSize(1);
            for (String batchId : seen.b1Batches()) {
                assertThat(gateway.get("/api/credentials/batches/" + batchId).path("delivered").asInt()).isEqualTo(B1);
                assertThat(gateway.get("/api/messages/stats?batchId=" + batchId).path("byStatus").path("SENT").asLong())
                        .isEqualTo(B1);
            }
            // B2: credential-service knows the last imported email of every guardian
            JsonNode guardians = gateway.get("/api/guardians?hasEmail=true&size=500");
            assertThat(guardians.path("total").asInt()).isEqualTo(B2);
            for (JsonNode guardian : guardians.path("items")) {
                String email = guardian.path("email").asString();
                assertThat(email).endsWith("@r" + seen.b2LastRep() + ".bench.example.org");
                assertThat(gateway.get("/api/credentials/guardians/" + guardian.path("id").asString())
                        .path("login").asString()).isEqualTo(email);
            }
            // B3: the log held the seeded messages and B1's, all sent, when it was searched
            JsonNode stats = gateway.get("/api/messages/stats");
            assertThat(stats.path("total").asLong()).isEqualTo(seen.b3Stored()).isEqualTo(B1 + B3);
            // B4: the replayed batch was really sent again during the measurement
            assertThat(seen.b4Batches()).containsExactly("seed-0");
            JsonNode replayed = gateway.get("/api/messages?batchId=seed-0&size=50");
            assertThat(replayed.path("total").asInt()).isEqualTo(B4);
            for (JsonNode message : replayed.path("items")) {
                assertThat(message.path("status").asString()).isEqualTo("SENT");
                assertThat(Instant.parse(message.path("sentAt").asString())).isAfterOrEqualTo(seen.b4StartedAt());
            }
            // the store floors' copies of the product's documents are gone
            try (MongoClient mongo = MongoClients.create(stack.mongoUri())) {
                assertThat(mongo.getDatabase(Limits.DATABASE).listCollectionNames().into(new ArrayList<>()))
                        .doesNotContain(StoreFloors.GUARDIANS, StoreFloors.PROJECTION, StoreFloors.MESSAGES);
            }
            // the launch command, the system JVM (Kafka, store, SMTP) and the four services
            assertThat(stack.pids()).hasSize(6);
            checked.add("inspected");
        });

        assertThat(checked).containsExactly("inspected");
        // B4's limit wrote its mails as the product does, Jakarta Mail told its stream provider (the stack runs in
        // child processes: only the limit, in this JVM, sets it)
        assertThat(System.getProperty("jakarta.mail.util.StreamProvider"))
                .isEqualTo("org.eclipse.angus.mail.util.MailStreamProvider");
        assertThat(run.results()).extracting(Result::id)
                .containsExactly("B1", "B2", "B3", "B3", "B3", "B4", "B5", "B5", "B5");
        assertThat(run.results()).filteredOn(r -> !r.id().equals("B5") && !r.id().equals("B3"))
                .allSatisfy(r -> assertThat(r.ratio()).isPositive());
        // B2's and B4's store floors ran to the end: each throws unless every one of its conditional writes applied
        assertThat(run.results()).filteredOn(r -> r.id().equals("B2") || r.id().equals("B4"))
                .allSatisfy(r -> assertThat(r.note()).containsPattern(
                        "store floor \\(.*\\): [0-9.]+ s \\(runs [0-9.]+ s\\), so at most [0-9.]+ on this store"));
        assertThat(run.results()).filteredOn(r -> r.id().equals("B2")).singleElement()
                .satisfies(r -> assertThat(r.note()).containsPattern("and at most [0-9.]+ were the two services' "
                        + "writes to overlap entirely \\(guardian-service's part: [0-9.]+ s\\)"));

        Path markdown = Report.of(options, run.results()).write(options.resultsDir());
        assertThat(Files.readString(markdown)).contains("| B1 |", "| B4 |", "resident memory at rest");
        JsonNode json = Gateway.JSON.readTree(Files.readString(
                Path.of(markdown.toString().replaceAll("\\.md$", ".json"))));
        assertThat(json.path("results")).hasSize(run.results().size());
        assertThat(json.path("results").get(0).path("size").asString()).isEqualTo(String.valueOf(B1));
    }
}
