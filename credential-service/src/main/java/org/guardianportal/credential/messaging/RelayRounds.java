package org.guardianportal.credential.messaging;

import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * One round of an outbox relay: publishes what Kafka has not acknowledged, chunk by chunk, until it is caught up or
 * Kafka stops acknowledging (the next round tries again).
 */
public final class RelayRounds {

    private static final int MAX_CHUNKS = 100;

    private RelayRounds() {
    }

    /** Returns how many were published; {@code publish} returns how many of a chunk Kafka acknowledged. */
    public static <T> int publishWaiting(Supplier<List<T>> nextChunk, int chunkSize, ToIntFunction<List<T>> publish) {
        int relayed = 0;
        for (int chunk = 0; chunk < MAX_CHUNKS; chunk++) {
            List<T> waiting = nextChunk.get();
            int published = waiting.isEmpty() ? 0 : publish.applyAsInt(waiting);
            relayed += published;
            if (waiting.size() < chunkSize || published < waiting.size()) {
                break;
            }
        }
        return relayed;
    }
}
