package io.jobdeck.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobdeck.cluster.NodeIdentity;
import io.jobdeck.events.JobOutcome;
import io.jobdeck.stats.internal.StatsRepository;
import io.jobdeck.testing.JobdeckApp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * When the charts' rows are written (on the real embedded database): counts of committed history batches wait in
 * memory until due, then go out in the transaction of the batch at hand or on their own; a batch rolled back is never
 * counted, and nothing is counted twice.
 */
class ExecutionBucketsTest {

    private static JobdeckApp app;

    @BeforeAll
    static void start() {
        app = JobdeckApp.start(JobdeckApp.newDataDir(), Map.of("jobdeck.scheduler.auto-start", "false"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static ExecutionBuckets buckets(Duration writeEvery) {
        return new ExecutionBuckets(
                app.bean(StatsRepository.class),
                app.bean(TransactionTemplate.class),
                app.bean(NodeIdentity.class),
                Clock.systemUTC(),
                writeEvery);
    }

    @Test
    void counts_wait_until_due_a_rolled_back_batch_is_never_counted_and_what_waits_is_written_once() {
        ExecutionBuckets buckets = buckets(Duration.ofHours(1));
        TransactionTemplate tx = app.bean(TransactionTemplate.class);

        tx.executeWithoutResult(t -> buckets.add(List.of(ended("waits", JobOutcome.SUCCEEDED))));
        assertThatThrownBy(() -> tx.executeWithoutResult(t -> {
                    buckets.add(List.of(ended("waits", JobOutcome.SUCCEEDED)));
                    throw new IllegalStateException("the batch is rolled back");
                }))
                .hasMessage("the batch is rolled back");
        tx.executeWithoutResult(t -> buckets.add(List.of(ended("waits", JobOutcome.FAILED))));

        assertThat(stored("waits")).as("not due yet: no row").isEmpty();
        assertThat(buckets.writePending(false)).isFalse();
        assertThat(stored("waits")).isEmpty();

        assertThat(buckets.writePending(true)).isTrue();
        assertThat(stored("waits")).containsExactly(1L, 1L);
        assertThat(buckets.writePending(true)).as("nothing waits any more").isFalse();

        buckets.add(List.of(ended("waits", JobOutcome.SUCCEEDED))); // outside a transaction: written at once
        assertThat(stored("waits")).containsExactly(2L, 1L);
    }

    @Test
    void once_due_a_batch_writes_what_waited_with_its_own_counts_and_only_if_it_commits() {
        ExecutionBuckets buckets = buckets(Duration.ZERO);
        TransactionTemplate tx = app.bean(TransactionTemplate.class);

        tx.executeWithoutResult(t -> buckets.add(List.of(ended("due", JobOutcome.SUCCEEDED))));
        assertThat(stored("due")).containsExactly(1L, 0L);

        assertThatThrownBy(() -> tx.executeWithoutResult(t -> {
                    buckets.add(List.of(ended("due", JobOutcome.FAILED)));
                    throw new IllegalStateException("the batch is rolled back");
                }))
                .hasMessage("the batch is rolled back");
        assertThat(stored("due")).containsExactly(1L, 0L);
        assertThat(buckets.writePending(true))
                .as("a rolled-back batch leaves nothing waiting")
                .isFalse();

        tx.executeWithoutResult(t -> buckets.add(List.of(ended("due", JobOutcome.FAILED))));
        assertThat(stored("due")).containsExactly(1L, 1L);
    }

    private static ExecutionBuckets.Ended ended(String job, JobOutcome outcome) {
        return new ExecutionBuckets.Ended("buckets", job, Instant.now(), 10, outcome, 1L);
    }

    /** The stored successes and failures of the job, over its rows; empty when it has none. */
    private static List<Long> stored(String job) {
        return app.bean(JdbcClient.class)
                .sql("SELECT SUM(SUCCEEDED), SUM(FAILED) FROM JOBDECK_STATS_MINUTE WHERE JOB_GROUP = 'buckets'"
                        + " AND JOB_NAME = ? HAVING COUNT(*) > 0")
                .param(job)
                .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2)))
                .optional()
                .orElse(List.of());
    }
}
