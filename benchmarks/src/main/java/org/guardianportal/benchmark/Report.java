package org.guardianportal.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The run's figures as one Markdown table and as JSON, in files named by the run's date and commit. */
record Report(Instant at, String commit, BenchmarkOptions options, List<Result> results) {

    private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm'Z'")
            .withZone(ZoneOffset.UTC);

    static Report of(BenchmarkOptions options, List<Result> results) {
        return new Report(Instant.now().truncatedTo(ChronoUnit.SECONDS), currentCommit(), options, results);
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark ").append(at).append(" — commit ").append(commit).append("\n\n");
        md.append(machine()).append("\n\n");
        md.append("| id | scenario | size | wall time (median) | throughput | limit, same machine, same run | ratio | target | holds | how |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            md.append("| ").append(String.join(" | ", r.id(), r.scenario(), r.size(), r.wall(), r.throughput(),
                    r.limitText(), r.ratio() == null ? "—" : String.format("%.2f", r.ratio()), r.target(),
                    r.met() ? "yes" : "**no**", r.note())).append(" |\n");
        }
        return md.toString();
    }

    private String machine() {
        return "Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", " + System.getProperty("os.name") + ". Options: --b1="
                + options.b1() + " --b2=" + options.b2() + " --b3=" + options.b3Messages() + " --b3-calls="
                + options.b3Calls() + " --b3-budget=" + options.b3Budget().toSeconds() + "s --b4=" + options.b4()
                + " --repetitions=" + options.repetitions() + " --b2-repetitions=" + options.b2Repetitions()
                + " --partitions=" + options.kafkaPartitions() + ".";
    }

    String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("at", at.toString());
        root.put("commit", commit);
        root.put("machine", machine());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Result r : results) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", r.id());
            row.put("scenario", r.scenario());
            row.put("size", r.size());
            row.put("wall", r.wall());
            row.put("throughput", r.throughput());
            row.put("limit", r.limitText());
            row.put("ratio", r.ratio());
            row.put("target", r.target());
            row.put("holds", r.met());
            row.put("note", r.note());
            rows.add(row);
        }
        root.put("results", rows);
        return Gateway.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    /** Writes {@code <date>-<commit>.md} and {@code .json}; returns the Markdown file. */
    Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        String name = FILE_DATE.format(at) + "-" + commit;
        Files.writeString(dir.resolve(name + ".json"), json(), StandardCharsets.UTF_8);
        Path markdown = dir.resolve(name + ".md");
        Files.writeString(markdown, markdown(), StandardCharsets.UTF_8);
        return markdown;
    }

    /** The commit measured, with "-dirty" when the working tree had changes. */
    static String currentCommit() {
        String head = git("rev-parse", "--short", "HEAD");
        if (head.isEmpty()) {
            return "unknown";
        }
        return git("status", "--porcelain", "--untracked-files=no").isEmpty() ? head : head + "-dirty";
    }

    private static String git(String... args) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
