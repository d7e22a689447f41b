package org.guardianportal.testsupport;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * mongo-java-server's in-memory store, whose connections a test can cut: from the first command whose text mentions
 * every one of the given texts on, every command closes its connection unanswered, as a store behind a failed network
 * would, until the test restores it. The driver's monitoring still gets its answers, so the driver fails at once
 * instead of waiting for the server to come back. A test can also count the commands that mention given texts.
 */
public final class CuttableStore extends MemoryBackend {

    private static final Set<String> MONITORING = Set.of("hello", "ismaster", "buildinfo", "ping", "endsessions");

    private volatile List<String> cutFrom;
    private volatile boolean cut;
    private volatile List<String> counting;
    private final AtomicInteger counted = new AtomicInteger();

    /** Cuts the store at the first command that mentions all of {@code texts}: an id, a status, a value. */
    public void cutFromCommandMentioning(String... texts) {
        cutFrom = List.of(texts);
    }

    public boolean isCut() {
        return cut;
    }

    /** Connected again, and counting nothing. */
    public void restore() {
        cutFrom = null;
        cut = false;
        counting = null;
    }

    /** Counts, from now on and from zero, the commands that mention all of {@code texts}. */
    public void countCommandsMentioning(String... texts) {
        counted.set(0);
        counting = List.of(texts);
    }

    public int counted() {
        return counted.get();
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        if (MONITORING.contains(command.toLowerCase(Locale.ROOT))) {
            return super.handleCommand(channel, database, command, query);
        }
        if (mentionsAll(counting, query)) {
            counted.incrementAndGet();
        }
        if (cut || mentionsAll(cutFrom, query)) {
            cut = true;
            channel.close();
            throw new IllegalStateException("The store is cut off by the test");
        }
        return super.handleCommand(channel, database, command, query);
    }

    private static boolean mentionsAll(List<String> texts, Document query) {
        if (texts == null) {
            return false;
        }
        String text = query.toString();
        return texts.stream().allMatch(text::contains);
    }
}
