package io.jobdeck.history.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobdeck.events.SchedulerEvent;
import io.jobdeck.history.LogTail;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a job logs goes to its own execution, on real threads: concurrent jobs' logs never mix, the tasks of its
 * executor log into it, other threads' logs are not taken, and the limit cuts and marks. Progress is published a few
 * times a second at most, the latest report winning.
 */
class LiveRunsTest {

    private static final Logger log = LoggerFactory.getLogger("io.example.ReportJob");
    private static final int LIMIT = 4_096;

    private final List<SchedulerEvent> published = new CopyOnWriteArrayList<>();
    private final LiveRuns live = new LiveRuns(published::add, "node-1", LIMIT, Duration.ofMillis(200));
    private final ExecutorService workers = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        workers.shutdownNow();
        live.destroy();
    }

    @Test
    void two_jobs_logging_at_the_same_time_keep_their_logs_apart() throws Exception {
        CountDownLatch bothStarted = new CountDownLatch(2);
        CompletableFuture<LogTail> a =
                CompletableFuture.supplyAsync(() -> job("fire-a", "alpha", bothStarted), workers);
        CompletableFuture<LogTail> b = CompletableFuture.supplyAsync(() -> job("fire-b", "beta", bothStarted), workers);

        LogTail logA = a.get(20, TimeUnit.SECONDS);
        LogTail logB = b.get(20, TimeUnit.SECONDS);

        assertThat(logA.text().lines()).hasSize(50).allMatch(line -> line.endsWith("alpha line"));
        assertThat(logB.text().lines()).hasSize(50).allMatch(line -> line.endsWith("beta line"));
        assertThat(logA.text()).contains(" INFO [").contains("ReportJob - alpha line");
        assertThat(logA.truncated()).isFalse();
    }

    /** Logs 50 lines, interleaved with the other job's: both start before either logs, and each yields in between. */
    private LogTail job(String fireId, String name, CountDownLatch bothStarted) {
        live.begin(fireId, "reports", name, Instant.now());
        bothStarted.countDown();
        try {
            bothStarted.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (int i = 0; i < 50; i++) {
            log.info("{} line", name);
            Thread.yield();
        }
        return live.end(fireId, null);
    }

    @Test
    void a_task_handed_to_the_executions_executor_logs_into_it_and_other_threads_do_not() throws Exception {
        LiveRuns.LiveRun run = live.begin("fire-c", "reports", "child", Instant.now());
        CompletableFuture.runAsync(() -> log.info("from the task"), run.tasks()).get(10, TimeUnit.SECONDS);
        // A thread Jobdeck did not give the job (another job's, the app's own) logs meanwhile: not taken.
        CompletableFuture.runAsync(() -> log.info("from elsewhere"), workers).get(10, TimeUnit.SECONDS);
        log.info("from the worker");

        LogTail whole = live.end("fire-c", null);

        assertThat(whole.text()).contains("[jobdeck-job-tasks-").contains("from the task");
        assertThat(whole.text()).contains("from the worker");
        assertThat(whole.text()).doesNotContain("from elsewhere");
        log.info("after the end");
        assertThat(live.readLog("fire-c", 0).orElseThrow().text())
                .as("ended: kept a moment for the live tail, and nothing more added")
                .isEqualTo(whole.text());
    }

    @Test
    void the_limit_cuts_the_log_and_marks_it_and_an_http_or_shell_output_comes_after_the_lines() {
        live.begin("fire-d", "reports", "chatty", Instant.now());
        log.info("started");
        LogTail short_ = live.readLog("fire-d", 0).orElseThrow();
        assertThat(short_.running()).isTrue();
        assertThat(short_.truncated()).isFalse();
        for (int i = 0; i < 200; i++) {
            log.info("line {} of a job that logs too much", i);
        }

        LogTail whole = live.end("fire-d", "exit output");

        assertThat(whole.text()).hasSize(LIMIT).startsWith(short_.text());
        assertThat(whole.truncated()).isTrue();
        assertThat(whole.text()).doesNotContain("exit output");

        live.begin("fire-e", "reports", "shell", Instant.now());
        log.info("running the command");
        LogTail withOutput = live.end("fire-e", "exit output");
        assertThat(withOutput.text()).endsWith("running the command\nexit output");
        assertThat(withOutput.truncated()).isFalse();
    }

    @Test
    void the_tail_reads_only_the_new_lines_and_each_growth_is_published_once() {
        live.begin("fire-f", "reports", "tail", Instant.now());
        log.info("first");
        LogTail first = live.readLog("fire-f", 0).orElseThrow();
        log.info("second");

        LogTail next = live.readLog("fire-f", first.end()).orElseThrow();

        assertThat(first.text()).contains("first").doesNotContain("second");
        assertThat(next.text()).contains("second").doesNotContain("first");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> published.stream()
                        .anyMatch(e -> e instanceof SchedulerEvent.LogAppended l && l.length() == next.end()));
        live.publishPending();
        assertThat(published.stream().filter(SchedulerEvent.LogAppended.class::isInstance))
                .as("nothing new, nothing published")
                .hasSizeLessThanOrEqualTo(2);
        live.end("fire-f", null);
    }

    @Test
    void progress_reported_in_a_tight_loop_is_published_a_few_times_a_second_and_the_last_report_wins()
            throws Exception {
        LiveRuns.LiveRun run = live.begin("fire-g", "reports", "busy", Instant.now());
        long started = System.nanoTime();
        CompletableFuture.runAsync(
                        () -> {
                            for (int i = 1; i <= 2_000_000; i++) {
                                run.progress().steps(i, 2_000_000);
                            }
                            run.progress().message("done counting");
                        },
                        workers)
                .get(20, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> last() instanceof SchedulerEvent.ProgressChanged p && "done counting".equals(p.message()));
        double seconds = (System.nanoTime() - started) / 1e9;

        List<SchedulerEvent.ProgressChanged> events = published.stream()
                .filter(SchedulerEvent.ProgressChanged.class::isInstance)
                .map(SchedulerEvent.ProgressChanged.class::cast)
                .toList();
        assertThat(events.size()).as("published in %.1f s", seconds).isLessThanOrEqualTo((int) (seconds * 5) + 2);
        SchedulerEvent.ProgressChanged latest = events.getLast();
        assertThat(latest.fireId()).isEqualTo("fire-g");
        assertThat(latest.done()).isEqualTo(2_000_000);
        assertThat(latest.total()).isEqualTo(2_000_000);
        assertThat(latest.fraction()).isEqualTo(1.0);
        assertThat(run.reported().message()).isEqualTo("done counting");

        live.publishPending();
        assertThat(published.stream().filter(SchedulerEvent.ProgressChanged.class::isInstance))
                .as("unchanged, nothing more")
                .hasSize(events.size());
        live.end("fire-g", null);
        assertThat(live.running("fire-g"))
                .as("progress ends with the execution")
                .isEmpty();
    }

    private SchedulerEvent last() {
        return published.isEmpty() ? new SchedulerEvent.JobsChanged("none") : published.getLast();
    }
}
