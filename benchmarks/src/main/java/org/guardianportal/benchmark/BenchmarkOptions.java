package org.guardianportal.benchmark;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The sizes of the scenarios and where things are; every one is a flag ({@code --b1=1000}), with the defaults.
 *
 * @param b1 guardians in the password batch of B1
 * @param b2 rows of the CSV email import of B2
 * @param b3Messages messages stored before the searches of B3
 * @param b3Calls calls per search of B3 (and as many straight to the store)
 * @param b3Budget the longest one search's series may take; fewer calls are then made, and the report says how many
 * @param b4 messages due at once in B4
 * @param repetitions how many times B1 and B4 (and their limits) are repeated; the median is reported
 * @param b2Repetitions how many times B2 (and its limit) is repeated; the median is reported. A flag of its own, so
 *        that a short run can import once while repeating the rest
 */
record BenchmarkOptions(int b1, int b2, int b3Messages, int b3Calls, Duration b3Budget, int b4, int repetitions,
        int b2Repetitions, int kafkaPartitions, Path launcherJar, Path dataDir, Path resultsDir) {

    static BenchmarkOptions defaults() {
        return new BenchmarkOptions(1_000, 20_000, 100_000, 200, Duration.ofSeconds(45), 10_000, 3, 3, 4,
                Path.of("launcher/target/launcher.jar"), Path.of("benchmarks/target/bench-data"),
                Path.of("benchmarks/results"));
    }

    static BenchmarkOptions parse(String... args) {
        BenchmarkOptions options = defaults();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Expected --name=value, got '" + arg + "'. " + usage());
            }
            String name = arg.substring(2, arg.indexOf('='));
            String value = arg.substring(arg.indexOf('=') + 1);
            options = options.with(name, value);
        }
        return options;
    }

    private BenchmarkOptions with(String name, String value) {
        return switch (name) {
            case "b1" -> new BenchmarkOptions(positive(name, value), b2, b3Messages, b3Calls, b3Budget, b4, repetitions, b2Repetitions, kafkaPartitions, launcherJar, dataDir, resultsDir);
            case "b2" -> new BenchmarkOptions(b1, positive(name, value), b3Messages, b3Calls, b3Budget, b4, repetitions, b2Repetitions, kafkaPartitions, launcherJar, dataDir, resultsDir);
            case "b3" -> new BenchmarkOptions(b1, b2, positive(name, value), b3Calls, b3Budget, b4, repetitions, b2Repetitions, kafkaPartitions, launcherJar, dataDir, resultsDir);
            case "b3-calls" -> new BenchmarkOptions(b1, b2, b3Messages, positive(name, value), b3Budget, b4, repetitions, b2Repetitions, kafkaPartitions, launcherJar, dataDir, resultsDir);
            case "b3-budget" -> new BenchmarkOptions(b1, b2, b3Messages, b3Calls, Duration.parse("PT" + value.toUpperCase()), b4, repetitions, b2Repetitions, kafkaPartitions, launcherJar, dataDir, resultsDir);
            case "b4" -> new BenchmarkOptions(b1, b2, b3Messages, b3Calls, b3Budget, positive(name, value), repetitions, b2Repetitions, kafkaPartitions, launcherJar, dataDir, resultsDir);
            case "repetitions" -> new BenchmarkOptions(b1, b2, b3Messages, b3Calls, b3Budget, b4, positive(name, value), b2Repetitions, kafkaPartitions, launcherJar, dataDir, resultsDir);
            case "b2-repetitions" -> new BenchmarkOptions(b1, b2, b3Messages, b3Calls, b3Budget, b4, repetitions, positive(name, value), kafkaPartitions, launcherJar, dataDir, resultsDir);
            case "partitions" -> new BenchmarkOptions(b1, b2, b3Messages, b3Calls, b3Budget, b4, repetitions, b2Repetitions, positive(name, value), launcherJar, dataDir, resultsDir);
            case "launcher" -> new BenchmarkOptions(b1, b2, b3Messages, b3Calls, b3Budget, b4, repetitions, b2Repetitions, kafkaPartitions, Path.of(value), dataDir, resultsDir);
            case "data" -> new BenchmarkOptions(b1, b2, b3Messages, b3Calls, b3Budget, b4, repetitions, b2Repetitions, kafkaPartitions, launcherJar, Path.of(value), resultsDir);
            case "results" -> new BenchmarkOptions(b1, b2, b3Messages, b3Calls, b3Budget, b4, repetitions, b2Repetitions, kafkaPartitions, launcherJar, dataDir, Path.of(value));
            default -> throw new IllegalArgumentException("Unknown option --" + name + ". " + usage());
        };
    }

    private static int positive(String name, String value) {
        try {
            int number = Integer.parseInt(value.replace("_", "").replace(",", ""));
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + " must be a positive number, not '" + value + "'");
    }

    static String usage() {
        return "Options (defaults): --b1=1000 --b2=20000 --b3=100000 --b3-calls=200 --b3-budget=45s --b4=10000"
                + " --repetitions=3 --b2-repetitions=3 --partitions=4 --launcher=launcher/target/launcher.jar"
                + " --data=benchmarks/target/bench-data --results=benchmarks/results";
    }
}
