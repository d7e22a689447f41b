package org.guardianportal.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class DeliveryWindowTest {

    private final DeliveryWindow tenMinutes = new DeliveryWindow(Duration.ofMinutes(10));

    @Test
    void aMessageWaitsForTheNextTenMinuteBoundary() {
        assertThat(tenMinutes.next(Instant.parse("2025-09-01T08:03:12.345Z")))
                .isEqualTo(Instant.parse("2025-09-01T08:10:00Z"));
        assertThat(tenMinutes.next(Instant.parse("2025-09-01T08:59:59.999Z")))
                .isEqualTo(Instant.parse("2025-09-01T09:00:00Z"));
    }

    @Test
    void aMessageCreatedOnABoundaryLeavesWithIt() {
        assertThat(tenMinutes.next(Instant.parse("2025-09-01T08:10:00Z")))
                .isEqualTo(Instant.parse("2025-09-01T08:10:00Z"));
    }

    @Test
    void withoutAWindowAMessageIsDueAtOnce() {
        Instant now = Instant.parse("2025-09-01T08:03:12.345Z");
        assertThat(new DeliveryWindow(Duration.ZERO).next(now)).isEqualTo(now);
    }

    @Test
    void aNegativeWindowIsRefused() {
        assertThatThrownBy(() -> new DeliveryWindow(Duration.ofMinutes(-1)))
                .hasMessageContaining("cannot be negative");
    }
}
