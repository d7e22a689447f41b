package org.guardianportal.notification.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void anIdIsAVersion7UuidCarryingItsCreationTime() {
        Instant at = Instant.parse("2026-11-28T16:20:00.123Z");

        UUID id = TimeOrderedIds.next(Clock.fixed(at, ZoneOffset.UTC));

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(at.toEpochMilli());
        assertThat(UUID.fromString(id.toString())).isEqualTo(id);
    }

    @Test
    void idsSortAsTextInTheOrderTheyWereCreatedAndNeverRepeat() {
        Instant start = Instant.parse("2026-01-05T08:00:00Z");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            // ten ids per millisecond: within one the order is random, between two it is the creation order
            created.add(TimeOrderedIds.next(Clock.fixed(start.plusMillis(i / 10), ZoneOffset.UTC)).toString());
        }

        assertThat(new HashSet<>(created)).hasSize(created.size());
        List<String> sortedAsText = created.stream().sorted().toList();
        assertThat(sortedAsText).extracting(TimeOrderedIdsTest::millisecondOf).isSorted()
                .containsExactlyElementsOf(created.stream().map(TimeOrderedIdsTest::millisecondOf).toList());
        assertThat(TimeOrderedIds.next()).isGreaterThan(sortedAsText.get(sortedAsText.size() - 1));
    }

    private static long millisecondOf(String id) {
        return UUID.fromString(id).getMostSignificantBits() >>> 16;
    }
}
