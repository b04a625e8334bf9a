package io.jobdeck.history.internal;

import static io.jobdeck.events.JobOutcome.FAILED;
import static io.jobdeck.events.JobOutcome.RUNNING;
import static io.jobdeck.events.JobOutcome.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobdeck.cluster.NodeIdentity;
import io.jobdeck.history.ExecutionFilter;
import io.jobdeck.history.ExecutionHistory;
import io.jobdeck.scheduler.SchedulerControl;
import io.jobdeck.security.Role;
import io.jobdeck.testing.As;
import io.jobdeck.testing.Isolated;
import io.jobdeck.testing.JobdeckApp;
import io.jobdeck.testing.MutableClock;
import io.jobdeck.testing.TestJobs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Executions are kept 30 days and at most 1,000 here: older ones and the ones beyond go with their details, in batches
 * of 1,000, never one still running, and while a large purge runs the recorder goes on writing and pages go on
 * answering. Purges are started by the test (the period is an hour); the age is told by a clock the test moves.
 */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class HistoryRetentionTest {

    static final Path DATA = JobdeckApp.newDataDir();
    static final int KEPT_ROWS = 1_000;
    static final int BATCH = 1_000;
    static final Duration PATIENCE = Duration.ofSeconds(20);
    static final Duration MINUTE = Duration.ofMinutes(1);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Isolated.quietApp(registry, DATA);
        registry.add("spring.quartz.scheduler-name", () -> "jobdeck-retention-test");
        registry.add("jobdeck.history.retention-days", () -> "30");
        registry.add("jobdeck.history.retention-rows", () -> KEPT_ROWS);
        registry.add("jobdeck.history.purge-batch", () -> BATCH);
        registry.add("jobdeck.history.purge-every", () -> "1h");
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock();
        }
    }

    @Autowired
    HistoryUpkeep upkeep;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    NodeIdentity node;

    @Autowired
    ExecutionRecorder recorder;

    @Autowired
    ExecutionHistory history;

    @Autowired
    Scheduler scheduler;

    @Autowired
    SchedulerControl control;

    SeededExecutions seeded;

    @BeforeEach
    void emptyHistory() {
        seeded = new SeededExecutions(jdbc);
        seeded.clear();
    }

    @AfterEach
    void stop() throws Exception {
        As.call(Role.OPERATOR, () -> control.stop().toCompletableFuture().get(20, TimeUnit.SECONDS));
        // What still runs ends, and its end is written, before the next test empties the history.
        await().atMost(PATIENCE)
                .until(() -> scheduler.getCurrentlyExecutingJobs().isEmpty());
        recorder.flush().toCompletableFuture().get(20, TimeUnit.SECONDS);
        scheduler.clear();
    }

    @Test
    void executions_older_than_the_retention_days_go_with_their_details_as_the_clock_moves_on(CapturedOutput output)
            throws Exception {
        List<String> old = seeded.add("old", 10, clock.instant().minus(Duration.ofDays(40)), MINUTE, SUCCEEDED, node());
        List<String> oldRunning =
                seeded.add("old-running", 1, clock.instant().minus(Duration.ofDays(40)), MINUTE, RUNNING, node());
        List<String> young =
                seeded.add("young", 10, clock.instant().minus(Duration.ofDays(10)), MINUTE, FAILED, node());

        long oldDetails = seeded.details("old");

        HistoryUpkeep.Purge first = purge();

        assertThat(first.executions()).isEqualTo(9);
        assertThat(first.details()).isEqualTo(oldDetails - seeded.details("old"));
        assertThat(seeded.fireIds("old"))
                .as("the job's newest execution stays: its last outcome is never purged")
                .containsExactly(old.getFirst());
        assertThat(seeded.fireIds("old-running"))
                .as("still running: never purged")
                .isEqualTo(oldRunning);
        assertThat(seeded.fireIds("young")).isEqualTo(young);
        assertThat(seeded.details("young")).isEqualTo(5);
        assertThat(seeded.orphanedDetails()).isZero();
        assertThat(output).contains("Purged 9 executions (older than 30 days)");

        clock.advance(Duration.ofDays(25)); // the young ones are 35 days old now
        try {
            HistoryUpkeep.Purge second = purge();

            assertThat(second.executions()).isEqualTo(9);
            assertThat(seeded.fireIds("young")).containsExactly(young.getFirst());
            assertThat(seeded.fireIds("old")).containsExactly(old.getFirst());
            assertThat(seeded.fireIds("old-running")).isEqualTo(oldRunning);
            assertThat(seeded.orphanedDetails()).isZero();
        } finally {
            clock.advance(Duration.ofDays(-25));
        }
    }

    @Test
    void the_row_cap_keeps_exactly_the_newest_executions_and_every_running_one_deleting_in_batches(
            CapturedOutput output) throws Exception {
        List<String> running =
                seeded.add("running", 1, clock.instant().minus(Duration.ofDays(2)), MINUTE, RUNNING, node());
        List<String> recent = seeded.add("recent", 3_500, clock.instant(), Duration.ofSeconds(1), SUCCEEDED, node());

        HistoryUpkeep.Purge purge = purge();

        assertThat(seeded.fireIds("recent")).isEqualTo(recent.subList(0, KEPT_ROWS));
        assertThat(seeded.fireIds("running")).isEqualTo(running);
        assertThat(purge.executions()).isEqualTo(2_500);
        assertThat(seeded.details("recent")).isEqualTo(KEPT_ROWS / 2);
        assertThat(purge.details()).isEqualTo(1_250);
        assertThat(seeded.orphanedDetails()).isZero();
        // 2,501 rows below the 1,000th newest (one of them running): 1,000 + 1,000 + 501, each its own transaction.
        assertThat(purge.batches()).isEqualTo(3);
        assertThat(output)
                .contains(
                        "Purged 2500 executions (beyond the newest 1000) and 1250 details in 3 batches of at most 1000");

        assertThat(purge().executions()).as("a second purge finds nothing more").isZero();
    }

    @Test
    void while_another_node_holds_the_purge_lease_this_node_skips_the_purge_then_takes_it_over() throws Exception {
        seeded.add("old", 10, clock.instant().minus(Duration.ofDays(40)), MINUTE, SUCCEEDED, node());
        jdbc.update("DELETE FROM JOBDECK_TASK_LEASE WHERE TASK = 'history-purge'");
        jdbc.update("INSERT INTO JOBDECK_TASK_LEASE (TASK, HOLDER, UNTIL) VALUES ('history-purge', 'node-b-1-x',"
                + " CURRENT_TIMESTAMP + INTERVAL '1' HOUR)");
        try {
            assertThat(purge().executions()).as("node-b purges this period").isZero();
            assertThat(seeded.fireIds("old")).hasSize(10);

            jdbc.update("UPDATE JOBDECK_TASK_LEASE SET UNTIL = CURRENT_TIMESTAMP - INTERVAL '1' SECOND");

            assertThat(purge().executions())
                    .as("node-b stopped renewing: this node purges")
                    .isEqualTo(9);
            assertThat(jdbc.queryForObject(
                            "SELECT HOLDER FROM JOBDECK_TASK_LEASE WHERE TASK = 'history-purge'", String.class))
                    .isEqualTo(node.id());
        } finally {
            jdbc.update("DELETE FROM JOBDECK_TASK_LEASE WHERE TASK = 'history-purge'");
        }
    }

    @Test
    void a_job_that_runs_rarely_keeps_its_last_execution_when_frequent_jobs_push_it_past_both_limits()
            throws Exception {
        List<String> rare = seeded.add("rare", 2, clock.instant().minus(Duration.ofDays(60)), MINUTE, FAILED, node());
        List<String> frequent =
                seeded.add("frequent", 1_500, clock.instant(), Duration.ofSeconds(1), SUCCEEDED, node());

        HistoryUpkeep.Purge purge = purge();

        assertThat(seeded.fireIds("rare"))
                .as("older than the days and beyond the rows, but its job's newest: the dashboard's last outcome")
                .containsExactly(rare.getFirst());
        assertThat(seeded.fireIds("frequent")).isEqualTo(frequent.subList(0, KEPT_ROWS));
        assertThat(purge.executions()).isEqualTo(1_500 - KEPT_ROWS + 1);
        assertThat(seeded.orphanedDetails()).isZero();
    }

    @Test
    void the_recorder_goes_on_writing_and_pages_go_on_answering_during_a_large_purge() throws Exception {
        int old = 100_000;
        seeded.add("old", old, clock.instant().minus(Duration.ofDays(31)), Duration.ofSeconds(1), SUCCEEDED, node());
        JobKey frequent = TestJobs.createFrequentJob(scheduler, JobKey.jobKey("frequent", "retention"));
        As.call(Role.OPERATOR, () -> control.start().toCompletableFuture().get(10, TimeUnit.SECONDS));
        await().atMost(PATIENCE).until(() -> recorder.written() > 10);

        long writtenBefore = recorder.written();
        List<Long> waiting = new ArrayList<>();
        List<Long> pageMillis = new ArrayList<>();
        CompletableFuture<HistoryUpkeep.Purge> purge = upkeep.purge();
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    waiting.add(recorder.health().waiting());
                    long started = System.nanoTime();
                    As.call(
                            Role.VIEWER,
                            () -> history.readPage(
                                            ExecutionFilter.ofJob(frequent.getGroup(), frequent.getName()), 0, 50)
                                    .toCompletableFuture()
                                    .get(10, TimeUnit.SECONDS));
                    pageMillis.add(Duration.ofNanos(System.nanoTime() - started).toMillis());
                    return purge.isDone();
                });
        long writtenDuring = recorder.written() - writtenBefore;
        HistoryUpkeep.Purge done = purge.get();

        assertThat(done.executions()).isEqualTo(old - 1);
        assertThat(done.batches()).isEqualTo(old / BATCH + 1);
        assertThat(seeded.fireIds("old")).as("its newest stays").hasSize(1);
        assertThat(seeded.orphanedDetails()).isZero();
        // Ten fires a second, a start and an end each: about 20 a second, the whole time.
        assertThat(writtenDuring)
                .as("written during a %d ms purge", done.took().toMillis())
                .isGreaterThanOrEqualTo(done.took().toSeconds() * 5);
        assertThat(recorder.health().lost()).isZero();
        assertThat(recorder.health().lastError()).isNull();
        assertThat(waiting)
                .as("the recorder's queue")
                .allSatisfy(w -> assertThat(w).isLessThan(100));
        assertThat(pageMillis)
                .as("a page read while purging, in ms")
                .allSatisfy(ms -> assertThat(ms).isLessThan(2_000));
        System.out.printf(
                "Purged %d executions in %d batches in %d ms; %d starts and ends written meanwhile; page reads"
                        + " %s ms at most%n",
                done.executions(),
                done.batches(),
                done.took().toMillis(),
                writtenDuring,
                pageMillis.stream().mapToLong(Long::longValue).max().orElse(0));
    }

    private HistoryUpkeep.Purge purge() throws Exception {
        return upkeep.purge().get(2, TimeUnit.MINUTES);
    }

    private String node() {
        return node.id();
    }
}
