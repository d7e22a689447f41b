package org.guardianportal.notification.delivery;

import java.time.Duration;
import java.time.Instant;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Mails are sent in windows, as in the reference product ("about 10 minutes after the click"): a new message
 * waits for the next boundary, boundaries being multiples of the window since the epoch. Aligned boundaries make
 * every instance and every batch of the same period leave together.
 */
@Component
public class DeliveryWindow {

    private final long windowMillis;

    @Autowired
    DeliveryWindow(DeliverySettings settings) {
        this(settings.window());
    }

    DeliveryWindow(Duration window) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("The delivery window cannot be negative: " + window);
        }
        this.windowMillis = window.toMillis();
    }

    /** The first boundary at or after {@code now}; {@code now} itself when there is no window. */
    public Instant next(Instant now) {
        if (windowMillis == 0) {
            return now;
        }
        long millis = now.toEpochMilli();
        long boundary = Math.floorDiv(millis + windowMillis - 1, windowMillis) * windowMillis;
        return Instant.ofEpochMilli(boundary);
    }
}
