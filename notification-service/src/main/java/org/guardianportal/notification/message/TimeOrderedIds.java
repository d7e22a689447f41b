package org.guardianportal.notification.message;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Message ids: UUIDs of version 7 (RFC 9562), whose first 48 bits are the creation time in milliseconds and the other
 * 74 random. Their text sorts by creation, so the messages of one batch sit side by side in the store's B-tree: a
 * chunk of them claimed or recorded at once shares its pages, where random ids touched (and made the store read,
 * rewrite and cache) one page per message.
 */
public final class TimeOrderedIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TimeOrderedIds() {
    }

    /** A new id, as text, created now. */
    public static String next() {
        return next(Clock.systemUTC()).toString();
    }

    static UUID next(Clock clock) {
        long millis = clock.millis();
        long random = RANDOM.nextLong();
        long mostSignificant = (millis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
        long leastSignificant = random & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(mostSignificant, leastSignificant);
    }
}
