package org.guardianportal.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class FiguresTest {

    @Test
    void medianOfThreeRunsIsTheMiddleOne() {
        assertThat(Figures.median(List.of(9.0, 3.0, 5.0))).isEqualTo(5.0);
    }

    @Test
    void p95OfTwoHundredCallsIsTheHundredAndNinetiethFastest() {
        List<Double> latencies = new java.util.ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            latencies.add((double) i);
        }
        assertThat(Figures.percentile(latencies, 95)).isEqualTo(190.0);
        assertThat(Figures.percentile(latencies, 50)).isEqualTo(100.0);
    }

    @Test
    void sizesAreFlagsWithTheIssuesDefaults() {
        BenchmarkOptions defaults = BenchmarkOptions.parse();
        assertThat(List.of(defaults.b1(), defaults.b2(), defaults.b3Messages(), defaults.b3Calls(), defaults.b4()))
                .containsExactly(1_000, 20_000, 100_000, 200, 10_000);
        BenchmarkOptions small = BenchmarkOptions.parse("--b1=10", "--b3-budget=5s", "--repetitions=1");
        assertThat(small.b1()).isEqualTo(10);
        assertThat(small.b3Budget()).isEqualTo(Duration.ofSeconds(5));
        assertThat(small.repetitions()).isEqualTo(1);
        assertThat(defaults.repetitions()).isEqualTo(3);
        assertThat(defaults.b2Repetitions()).isEqualTo(3);
        assertThatThrownBy(() -> BenchmarkOptions.parse("--b1=0")).hasMessageContaining("positive");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--size=3")).hasMessageContaining("Unknown option");
    }
}
