package org.guardianportal.benchmark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Medians and percentiles of repeated measurements. */
final class Figures {

    private Figures() {
    }

    static double median(List<Double> values) {
        return percentile(values, 50);
    }

    /** The nearest-rank percentile: the smallest value at least {@code percent}% of the values do not exceed. */
    static double percentile(List<Double> values, double percent) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
