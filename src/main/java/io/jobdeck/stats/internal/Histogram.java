package io.jobdeck.stats.internal;

import java.util.Arrays;

/**
 * A fixed log-scale histogram of milliseconds: bucket 0 holds 0 ms, bucket {@code i >= 1} holds
 * {@code [2^((i-1)/4), 2^(i/4))} ms, so each bucket is about 19 % wider than the one before and a percentile read
 * from it is at most that far above the true value (and never above the exact maximum, kept beside it). The buckets
 * are the same everywhere, so histograms of several minutes, jobs and nodes merge by adding counts. Stored sparse, as
 * text ({@code "index:count,index:count"}), so one column fits any distribution.
 */
public final class Histogram {

    static final int STEPS_PER_DOUBLING = 4;
    /** Up to 2^40 ms (35 years); longer values count in the last bucket. */
    static final int BUCKETS = STEPS_PER_DOUBLING * 40 + 2;

    private final long[] counts;

    public Histogram() {
        this.counts = new long[BUCKETS];
    }

    private Histogram(long[] counts) {
        this.counts = counts;
    }

    public Histogram copy() {
        return new Histogram(counts.clone());
    }

    static int bucketOf(long millis) {
        if (millis <= 0) {
            return 0;
        }
        // 63 - numberOfLeadingZeros is floor(log2) exactly; the fraction within the doubling from the double log.
        int bucket = 1 + (int) Math.floor(STEPS_PER_DOUBLING * (Math.log(millis) / Math.log(2)) + 1e-9);
        return Math.min(bucket, BUCKETS - 1);
    }

    /** The smallest value above bucket {@code i}'s range: what a percentile that falls in it reads as. */
    static long upperBound(int bucket) {
        return bucket == 0 ? 0 : (long) Math.ceil(Math.pow(2, (double) bucket / STEPS_PER_DOUBLING));
    }

    public void add(long millis) {
        counts[bucketOf(millis)]++;
    }

    public void addAll(Histogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
    }

    public long count() {
        return Arrays.stream(counts).sum();
    }

    /**
     * The value at quantile {@code q} (0 < q <= 1): the upper bound of the bucket holding the {@code ceil(q * n)}-th
     * value, capped at {@code max} (the exact largest value), or 0 when empty.
     */
    public long percentile(double q, long max) {
        long n = count();
        if (n == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * n));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(upperBound(i), max);
            }
        }
        return max;
    }

    public String encode() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < BUCKETS; i++) {
            if (counts[i] != 0) {
                if (!out.isEmpty()) {
                    out.append(',');
                }
                out.append(i).append(':').append(counts[i]);
            }
        }
        return out.toString();
    }

    /** Reads what {@link #encode} wrote; entries it cannot read (a foreign value) are skipped. */
    public static Histogram decode(String text) {
        Histogram h = new Histogram();
        if (text.isEmpty()) {
            return h;
        }
        for (String entry : text.split(",")) {
            int colon = entry.indexOf(':');
            try {
                int bucket = Integer.parseInt(entry, 0, colon, 10);
                long count = Long.parseLong(entry, colon + 1, entry.length(), 10);
                if (bucket >= 0 && bucket < BUCKETS && count > 0) {
                    h.counts[bucket] += count;
                }
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                // skipped
            }
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Histogram other && Arrays.equals(counts, other.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }
}
