package io.jobdeck.bench;

import java.util.Arrays;
import java.util.Locale;

/** Latency percentiles (nearest rank) over nanosecond samples. */
record Stats(int n, double p50Ms, double p99Ms, double maxMs) {

    static Stats of(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return new Stats(s.length, ms(rank(s, 0.50)), ms(rank(s, 0.99)), ms(s[s.length - 1]));
    }

    /** A percentile (nearest rank), in milliseconds. */
    static double quantileMs(long[] nanos, double q) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return ms(rank(s, q));
    }

    private static long rank(long[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    String line() {
        return String.format(
                Locale.ROOT, "p50=%s ms p99=%s ms max=%s ms (n=%d)", fmt(p50Ms), fmt(p99Ms), fmt(maxMs), n);
    }

    static String fmt(double ms) {
        return String.format(Locale.ROOT, ms < 10 ? "%.3f" : ms < 100 ? "%.1f" : "%.0f", ms);
    }
}
