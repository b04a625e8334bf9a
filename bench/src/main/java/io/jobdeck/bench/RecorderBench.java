package io.jobdeck.bench;

import io.jobdeck.history.ExecutionHistory;
import io.jobdeck.history.RecorderHealth;
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
     * @param fired      executions the jobs counted
     * @param quartz     executions Quartz counted ({@code getNumberOfJobsExecuted})
     * @param rows       rows of executions that ran (all but misfires and vetoes)
     * @param skipped    rows of misfires and vetoes (no job ran)
     * @param running    rows still "running" after the flush
     * @param health     the recorder's health after the flush
     * @param seconds    the window's length
     * @param flushMs    how long the flush of what was still queued took after the stop
     */
    record Result(
            long fired,
            long quartz,
            long rows,
            long skipped,
            long running,
            RecorderHealth health,
            double seconds,
            long flushMs,
            double othersCores) {

        boolean pass() {
            return rows == fired && running == 0 && health.lost() == 0;
        }
    }

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
            ExecutionHistory history = app.context.getBean(ExecutionHistory.class);
            JdbcTemplate jdbc = app.context.getBean(JdbcTemplate.class);
            Quiet.await("the recorder benchmark");
            long f0 = BenchJobs.FIRES.sum();
            CpuMonitor cpu = CpuMonitor.start();
            long t0 = System.nanoTime();
            app.startAndWait();
            Thread.sleep(TimeUnit.SECONDS.toMillis(cfg.seconds()));
            app.stopAndWait();
            double seconds = (System.nanoTime() - t0) / 1e9;
            double others = cpu.othersCores();
            // Standby lets the running jobs end; wait until none runs, then flush what is still queued.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!app.scheduler.getCurrentlyExecutingJobs().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            long flushStart = System.nanoTime();
            history.flush().toCompletableFuture().get(120, TimeUnit.SECONDS);
            long flushMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - flushStart);
            long fired = BenchJobs.FIRES.sum() - f0;
            long quartz = app.scheduler.getMetaData().getNumberOfJobsExecuted();
            long rows = count(jdbc, "OUTCOME NOT IN ('MISFIRED', 'VETOED')");
            long skipped = count(jdbc, "OUTCOME IN ('MISFIRED', 'VETOED')");
            long running = count(jdbc, "OUTCOME = 'RUNNING'");
            return new Result(fired, quartz, rows, skipped, running, history.health(), seconds, flushMs, others);
        }
    }

    private static long count(JdbcTemplate jdbc, String where) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM JOBDECK_EXECUTION WHERE " + where, Long.class);
        return n == null ? 0 : n;
    }

    static java.util.List<String> lines(Config cfg, Result r) {
        return java.util.List.of(
                String.format(
                        Locale.ROOT,
                        "recorder at %d fires/s offered for %d s: fired=%,d (%.0f/s; Quartz counted %,d) rows=%,d"
                                + " lost=%d still running=%d; misfire/veto rows %d; the flush after the stop took %d"
                                + " ms: %s",
                        cfg.firesPerSecond(),
                        cfg.seconds(),
                        r.fired(),
                        r.fired() / r.seconds(),
                        r.quartz(),
                        r.rows(),
                        r.health().lost(),
                        r.running(),
                        r.skipped(),
                        r.flushMs(),
                        r.pass() ? "PASS" : "FAIL"),
                String.format(
                        Locale.ROOT,
                        "  setup: %s; other processes used %.2f cores; %s",
                        cfg.describe(),
                        r.othersCores(),
                        BenchMain.loadAverage()));
    }
}
