package org.guardianportal.testsupport;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * mongo-java-server's in-memory store, whose connections a test can cut: from the first command whose text mentions
 * every one of the given texts on, every command closes its connection unanswered, as a store behind a failed network
 * would, until the test restores it. The driver's monitoring still gets its answers, so the driver fails at once
 * instead of waiting for the server to come back.
 */
public final class CuttableStore extends MemoryBackend {

    private static final Set<String> MONITORING = Set.of("hello", "ismaster", "buildinfo", "ping", "endsessions");

    private volatile List<String> cutFrom;
    private volatile boolean cut;

    /** Cuts the store at the first command that mentions all of {@code texts}: an id, a status, a value. */
    public void cutFromCommandMentioning(String... texts) {
        cutFrom = List.of(texts);
    }

    public boolean isCut() {
        return cut;
    }

    public void restore() {
        cutFrom = null;
        cut = false;
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        if (!MONITORING.contains(command.toLowerCase(Locale.ROOT)) && (cut || mentionsCut(query))) {
            cut = true;
            channel.close();
            throw new IllegalStateException("The store is cut off by the test");
        }
        return super.handleCommand(channel, database, command, query);
    }

    private boolean mentionsCut(Document query) {
        List<String> texts = cutFrom;
        if (texts == null) {
            return false;
        }
        String text = query.toString();
        return texts.stream().allMatch(text::contains);
    }
}
