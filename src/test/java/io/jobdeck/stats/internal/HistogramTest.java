package io.jobdeck.stats.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobdeck.events.JobOutcome;
import io.jobdeck.stats.MinutePercentiles;
import io.jobdeck.stats.MinutePoolUse;
import io.jobdeck.stats.internal.StatsRepository.PoolMinute;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The bucket math: percentiles read from the log-scale histogram, and buckets merged over jobs and nodes. */
class HistogramTest {

    @Test
    void a_percentile_is_the_true_value_or_at_most_one_bucket_above_it_and_never_above_the_max() {
        Histogram h = new Histogram();
        LongStream.rangeClosed(1, 1000).forEach(h::add); // 1 … 1000 ms: p50 = 500, p95 = 950
        long p50 = h.percentile(0.5, 1000);
        long p95 = h.percentile(0.95, 1000);
        assertThat(p50).isBetween(500L, (long) Math.ceil(500 * Math.pow(2, 0.25)));
        assertThat(p95).isBetween(950L, 1000L);
        assertThat(h.percentile(1.0, 1000)).isEqualTo(1000);
    }

    @Test
    void one_value_reads_back_exactly_as_every_percentile_through_the_max() {
        Histogram h = new Histogram();
        h.add(137);
        assertThat(h.percentile(0.5, 137)).isEqualTo(137);
        assertThat(h.percentile(0.95, 137)).isEqualTo(137);
    }

    @Test
    void zero_and_negative_values_count_as_zero_and_an_empty_histogram_reads_zero() {
        Histogram h = new Histogram();
        assertThat(h.percentile(0.5, 0)).isZero();
        h.add(0);
        h.add(-5);
        assertThat(h.count()).isEqualTo(2);
        assertThat(h.percentile(0.95, 0)).isZero();
    }

    @Test
    void buckets_are_about_19_percent_wide_and_each_value_falls_below_its_buckets_upper_bound() {
        for (long v = 1; v < 10_000_000; v = v * 3 / 2 + 1) {
            int bucket = Histogram.bucketOf(v);
            assertThat(Histogram.upperBound(bucket)).as("upper bound of %d", v).isGreaterThanOrEqualTo(v);
            assertThat((double) Histogram.upperBound(bucket) / v)
                    .as("relative error at %d", v)
                    .isLessThanOrEqualTo(Math.pow(2, 0.25) + 1.0 / v);
        }
        assertThat(Histogram.bucketOf(Long.MAX_VALUE)).isEqualTo(Histogram.BUCKETS - 1);
    }

    @Test
    void the_text_form_reads_back_the_same_counts_and_skips_what_it_cannot_read() {
        Histogram h = new Histogram();
        LongStream.of(0, 1, 1, 5, 300, 300, 300, 86_400_000).forEach(h::add);
        assertThat(Histogram.decode(h.encode())).isEqualTo(h);
        assertThat(Histogram.decode("")).isEqualTo(new Histogram());
        assertThat(Histogram.decode("x,3:2,999:1,4:-1,5").count()).isEqualTo(2);
    }

    @Test
    void merging_buckets_of_two_nodes_gives_what_one_bucket_of_all_values_gives() {
        MinuteBucket nodeA = new MinuteBucket();
        MinuteBucket nodeB = new MinuteBucket();
        MinuteBucket all = new MinuteBucket();
        for (int i = 1; i <= 100; i++) {
            JobOutcome outcome = i % 10 == 0 ? JobOutcome.FAILED : JobOutcome.SUCCEEDED;
            (i % 2 == 0 ? nodeA : nodeB).add(outcome, i * 10L, (long) i);
            all.add(outcome, i * 10L, (long) i);
        }
        MinuteBucket merged = new MinuteBucket();
        merged.addAll(nodeA);
        merged.addAll(nodeB);
        assertThat(merged.succeeded()).isEqualTo(90);
        assertThat(merged.failed()).isEqualTo(10);
        assertThat(merged.durations(0)).isEqualTo(all.durations(0));
        assertThat(merged.lags(0)).isEqualTo(all.lags(0));
        MinutePercentiles durations = merged.durations(60_000);
        assertThat(durations.count()).isEqualTo(100);
        assertThat(durations.max()).isEqualTo(1000);
        assertThat(durations.p50()).isBetween(500L, 595L);
        assertThat(durations.p95()).isBetween(950L, 1000L);
    }

    @Test
    void a_run_without_a_scheduled_time_counts_but_has_no_fire_lag() {
        MinuteBucket b = new MinuteBucket();
        b.add(JobOutcome.INTERRUPTED, 20, null);
        assertThat(b.succeeded() + b.failed()).isZero();
        assertThat(b.durations(0).count()).isEqualTo(1);
        assertThat(b.lags(0).count()).isZero();
    }

    @Test
    void pool_use_adds_the_nodes_average_busy_threads_and_their_pool_sizes() {
        MinutePoolUse use = StatsRepository.merge(
                60_000, List.of(new PoolMinute(1, "a", 60, 120, 4, 10), new PoolMinute(1, "b", 30, 15, 1, 5)));
        assertThat(use).isEqualTo(new MinutePoolUse(60_000, 2.5, 5, 15));
        assertThat(StatsRepository.merge(0, List.of()).total()).isZero();
    }

    @Test
    void the_series_cache_reads_the_whole_window_once_then_only_the_minutes_since_the_last_read() {
        List<Long> reads = new java.util.ArrayList<>();
        SeriesCache<String> cache = new SeriesCache<>(from -> {
            reads.add(from);
            TreeMap<Long, String> rows = new TreeMap<>();
            rows.put(from, "row " + from);
            return rows;
        });
        long now = 10_000_000;
        cache.refresh(now);
        cache.refresh(now);
        cache.refresh(now + 5); // five minutes without a read: from where the last one was
        cache.refresh(now + SeriesCache.FULL_EVERY_MINUTES + 1);
        assertThat(reads)
                .containsExactly(
                        now - SeriesCache.WINDOW_MINUTES + 1,
                        now - SeriesCache.RECENT_MINUTES + 1,
                        now,
                        now + SeriesCache.FULL_EVERY_MINUTES + 1 - SeriesCache.WINDOW_MINUTES + 1);
    }
}
