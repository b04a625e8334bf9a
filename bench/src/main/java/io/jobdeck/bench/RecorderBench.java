package io.jobdeck.bench;

import io.jobdeck.history.ExecutionHistory;
import java.util.Date;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The recorder at 1,000 fires a second: the real app (history recording and the event hub on, the embedded H2 store)
 * fires no-op jobs at the offered rate for a minute; then it stops, the recorder is flushed, and the executions the
 * jobs counted are compared with the rows in {@code JOBDECK_EXECUTION}. Nothing may be lost: the rows of executions
 * that ran equal the fires, none is left running, and the recorder counted no loss.
 */
final class RecorderBench {

    record Config(int firesPerSecond, int seconds, int workerThreads, int jobs) {

        long intervalMs() {
            return 1000L * jobs / firesPerSecond;
        }

        String describe() {
            return String.format(
                    Locale.ROOT,
                    "%d no-op jobs each every %d ms (offered %d fires/s) for %d s, %d worker threads; the app with"
                            + " recording and events on, embedded H2 store",
                    jobs,
                    intervalMs(),
                    firesPerSecond,
                    seconds,
                    workerThreads);
        }
    }

    /**
     * What the history holds of a scheduler's run, after it stopped and the recorder was flushed.
     *
     * @param fired   executions the jobs counted
     * @param quartz  executions Quartz counted ({@code getNumberOfJobsExecuted})
     * @param rows    rows of executions that ran (all but misfires and vetoes)
     * @param skipped rows of misfires and vetoes (no job ran)
     * @param running rows still "running" after the flush
     * @param lost    records the recorder counted as lost ({@code ExecutionHistory.health().lost()})
     * @param flushMs how long the flush of what was still queued took after the stop
     */
    record Recorded(long fired, long quartz, long rows, long skipped, long running, long lost, long flushMs) {

        boolean complete() {
            return rows == fired && running == 0 && lost == 0;
        }

        String line() {
            return String.format(
                    Locale.ROOT,
                    "fired=%,d (Quartz counted %,d) rows=%,d lost=%d still running=%d; misfire/veto rows %d; the"
                            + " flush after the stop took %d ms",
                    fired,
                    quartz,
                    rows,
                    lost,
                    running,
                    skipped,
                    flushMs);
        }
    }

    record Result(Recorded recorded, double seconds, double othersCores) {}

    private RecorderBench() {}

    static Result run(Config cfg) throws Exception {
        try (JobdeckApp app = JobdeckApp.boot(cfg.workerThreads())) {
            long now = System.currentTimeMillis() + 500;
            for (int i = 0; i < cfg.jobs(); i++) {
                ClickBench.schedule(
                        app.scheduler,
                        BenchJobs.NoopJob.class,
                        "rec-" + i,
                        cfg.intervalMs(),
                        new Date(now + cfg.intervalMs() * i / cfg.jobs()));
            }
            Quiet.await("the recorder benchmark");
            long f0 = BenchJobs.FIRES.sum();
            CpuMonitor cpu = CpuMonitor.start();
            long t0 = System.nanoTime();
            app.startAndWait();
            Thread.sleep(TimeUnit.SECONDS.toMillis(cfg.seconds()));
            double seconds = (System.nanoTime() - t0) / 1e9;
            double others = cpu.othersCores();
            return new Result(recorded(app, f0), seconds, others);
        }
    }

    /**
     * Stops the app's scheduler (the running jobs end), waits until nothing has run for a moment (triggers acquired
     * before the stop still fire), flushes the recorder and counts what the history holds of the fires since
     * {@code firesBefore}.
     */
    static Recorded recorded(JobdeckApp app, long firesBefore) throws Exception {
        app.stopAndWait();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long seen = -1;
        while (System.nanoTime() < deadline
                && !(app.scheduler.getCurrentlyExecutingJobs().isEmpty() && seen == BenchJobs.FIRES.sum())) {
            seen = BenchJobs.FIRES.sum();
            Thread.sleep(300);
        }
        ExecutionHistory history = app.context.getBean(ExecutionHistory.class);
        JdbcTemplate jdbc = app.context.getBean(JdbcTemplate.class);
        long flushStart = System.nanoTime();
        history.flush().toCompletableFuture().get(300, TimeUnit.SECONDS);
        long flushMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - flushStart);
        return new Recorded(
                BenchJobs.FIRES.sum() - firesBefore,
                app.scheduler.getMetaData().getNumberOfJobsExecuted(),
                count(jdbc, "OUTCOME NOT IN ('MISFIRED', 'VETOED')"),
                count(jdbc, "OUTCOME IN ('MISFIRED', 'VETOED')"),
                count(jdbc, "OUTCOME = 'RUNNING'"),
                history.health().lost(),
                flushMs);
    }

    private static long count(JdbcTemplate jdbc, String where) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM JOBDECK_EXECUTION WHERE " + where, Long.class);
        return n == null ? 0 : n;
    }

    static java.util.List<String> lines(Config cfg, Result r) {
        return java.util.List.of(
                String.format(
                        Locale.ROOT,
                        "recorder at %d fires/s offered for %d s (%.0f fires/s ran): %s: %s",
                        cfg.firesPerSecond(),
                        cfg.seconds(),
                        r.recorded().fired() / r.seconds(),
                        r.recorded().line(),
                        r.recorded().complete() ? "PASS" : "FAIL"),
                String.format(
                        Locale.ROOT,
                        "  setup: %s; other processes used %.2f cores; %s",
                        cfg.describe(),
                        r.othersCores(),
                        BenchMain.loadAverage()));
    }
}
