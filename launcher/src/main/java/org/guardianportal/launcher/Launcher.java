package org.guardianportal.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The launch command ({@code java -jar launcher.jar}). The JVM a person starts sizes its heap from the machine (a
 * quarter of its memory, with G1), which let the embedded broker, store and SMTP server grow past a gigabyte; so it runs
 * {@link LocalSystem} in a second JVM with a bounded heap, passes its output through, exits with its exit code, and
 * stops it (and so every service) on Ctrl-C or SIGTERM.
 */
public final class Launcher {

    /**
     * The broker, the store and the SMTP server hold about 100 MB of heap; a search the store answers by a scan holds
     * every matching document for a moment (mongo-java-server sorts in memory), a few hundred MB at 100,000 messages.
     * The Serial GC commits only what they use and gives back what a burst left unused, keeping 20 to 30 % free: with
     * 10 to 30 %, the heap given back after a search left the old generation so full that the store then spent 40 to
     * 50 % of its time in GC pauses (four to five seconds in ten while delivering); at the defaults (40 to 70 %), and
     * at 30 to 40 %, the stack kept 1.53 to 1.56 GiB through the batch of passwords that follows the import.
     * Both JIT compilers, as credential-service has: the store's updates take half the CPU compiled by the optimising one
     * (10,000 updates of stored messages: 2.3 s on the quick compiler alone, 1.1 s with both), and delivery and
     * imports are mostly store updates. Its compilations cost the first minutes after a start: the benchmark's first
     * batch of 1,000 passwords took 58 s, the next ones 50 s.
     */
    static final List<String> SYSTEM_JAVA_OPTIONS = LauncherSettings.withNativeHeapTrim("-XX:+UseSerialGC", "-Xms32m",
            "-Xmx1g", "-XX:MinHeapFreeRatio=20", "-XX:MaxHeapFreeRatio=30", "-Xss512k", "-XX:+ExitOnOutOfMemoryError");

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(SYSTEM_JAVA_OPTIONS);
        command.add("-D" + LocalSystem.LAUNCHED_AT + "=" + System.currentTimeMillis());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LocalSystem.class.getName());
        command.addAll(List.of(args));
        Process system = new ProcessBuilder(command).inheritIO().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(system), "launcher-stop"));
        System.exit(system.waitFor());
    }

    /** SIGTERM lets the system stop its services in order; this JVM ends only once it has. */
    private static void stop(Process system) {
        system.destroy();
        try {
            system.waitFor();
        } catch (InterruptedException e) {
            system.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
