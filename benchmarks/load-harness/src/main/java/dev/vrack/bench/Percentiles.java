package dev.vrack.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of a sample of durations in nanoseconds, printed in milliseconds. */
record Percentiles(long[] sortedNanos) {

    static Percentiles of(long[] nanos) {
        long[] copy = nanos.clone();
        Arrays.sort(copy);
        return new Percentiles(copy);
    }

    double ms(double percentile) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))] / 1e6;
    }

    double maxMs() {
        return sortedNanos.length == 0 ? Double.NaN : sortedNanos[sortedNanos.length - 1] / 1e6;
    }

    double meanMs() {
        return Arrays.stream(sortedNanos).average().orElse(Double.NaN) / 1e6;
    }

    int count() {
        return sortedNanos.length;
    }
}
