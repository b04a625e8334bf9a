package io.jobdeck.stats.internal;

import io.jobdeck.events.JobOutcome;
import io.jobdeck.stats.MinutePercentiles;
import org.jspecify.annotations.Nullable;

/**
 * One minute's executions (of one job on one node as stored; of many once merged): counts by outcome, the duration
 * and fire lag histograms with their exact maxima. Mutable: owned by one thread at a time.
 */
public final class MinuteBucket {

    long succeeded;
    long failed;
    long other;
    final Histogram durations;
    long durationMax;
    final Histogram lags;
    long lagMax;

    public MinuteBucket() {
        this(0, 0, 0, new Histogram(), 0, new Histogram(), 0);
    }

    MinuteBucket(
            long succeeded,
            long failed,
            long other,
            Histogram durations,
            long durationMax,
            Histogram lags,
            long lagMax) {
        this.succeeded = succeeded;
        this.failed = failed;
        this.other = other;
        this.durations = durations;
        this.durationMax = durationMax;
        this.lags = lags;
        this.lagMax = lagMax;
    }

    public MinuteBucket copy() {
        return new MinuteBucket(succeeded, failed, other, durations.copy(), durationMax, lags.copy(), lagMax);
    }

    /** Counts one ended execution. */
    public void add(JobOutcome outcome, long durationMillis, @Nullable Long lagMillis) {
        if (outcome == JobOutcome.SUCCEEDED) {
            succeeded++;
        } else if (outcome.failed()) {
            failed++;
        } else {
            other++;
        }
        long duration = Math.max(0, durationMillis);
        durations.add(duration);
        durationMax = Math.max(durationMax, duration);
        if (lagMillis != null) {
            long lag = Math.max(0, lagMillis);
            lags.add(lag);
            lagMax = Math.max(lagMax, lag);
        }
    }

    /** Adds another bucket of the same minute (another job, another node). */
    public void addAll(MinuteBucket other) {
        this.succeeded += other.succeeded;
        this.failed += other.failed;
        this.other += other.other;
        this.durations.addAll(other.durations);
        this.durationMax = Math.max(this.durationMax, other.durationMax);
        this.lags.addAll(other.lags);
        this.lagMax = Math.max(this.lagMax, other.lagMax);
    }

    public long succeeded() {
        return succeeded;
    }

    public long failed() {
        return failed;
    }

    public MinutePercentiles durations(long minuteMillis) {
        return percentiles(minuteMillis, durations, durationMax);
    }

    public MinutePercentiles lags(long minuteMillis) {
        return percentiles(minuteMillis, lags, lagMax);
    }

    private static MinutePercentiles percentiles(long minuteMillis, Histogram h, long max) {
        long n = h.count();
        return n == 0
                ? new MinutePercentiles(minuteMillis, 0, 0, 0, 0)
                : new MinutePercentiles(minuteMillis, n, h.percentile(0.5, max), h.percentile(0.95, max), max);
    }
}
