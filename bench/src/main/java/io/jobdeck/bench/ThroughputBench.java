package io.jobdeck.bench;

import java.util.Date;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

/**
 * Benchmark 2: no-op jobs fired as fast as possible by the app's own Quartz (execution history recording, event hub,
 * listeners and the job overview on) against bare Quartz (no listeners), both on a fresh H2 file database per round, with the same
 * threads, the same triggers and the same Quartz properties.
 */
final class ThroughputBench {

    /** The triggers offer far more fires than either scheduler can run, so both always have due work. */
    record Config(int workerThreads, int jobs, long intervalMs, long warmupMs, long measureMs) {

        String describe() {
            return String.format(
                    "%d worker threads, batchTriggerAcquisitionMaxCount=%d; %d no-op jobs, each on a SimpleTrigger"
                            + " every %d ms (offered %d fires/s); fresh H2 file DB per round; %d ms warm-up then"
                            + " %d ms measured per round",
                    workerThreads, workerThreads, jobs, intervalMs, jobs * 1000 / intervalMs, warmupMs, measureMs);
        }
    }

    @FunctionalInterface
    interface Tweak {
        void apply(JobdeckApp app) throws Exception;
    }

    private ThroughputBench() {}

    /** One measured window: fires per second, and how many cores other processes on the machine used meanwhile. */
    record Round(
            double firesPerSecond,
            double othersCores,
            double cpuMicrosPerFire,
            double schedulerThreadMicrosPerFire,
            java.util.Map<String, Long> cpuNanos,
            long fires,
            RecorderBench.@org.jspecify.annotations.Nullable Recorded recorded) {

        /** Where the CPU went: the busiest thread groups, in microseconds per fire. */
        String busiestThreads() {
            return cpuNanos.entrySet().stream()
                    .filter(e -> !e.getKey().equals("(process)"))
                    .sorted(java.util.Map.Entry.<String, Long>comparingByValue(java.util.Comparator.reverseOrder()))
                    .limit(6)
                    .map(e -> String.format(
                            java.util.Locale.ROOT, "%s %.0f", e.getKey(), fires == 0 ? 0 : e.getValue() / 1e3 / fires))
                    .collect(java.util.stream.Collectors.joining(", "));
        }

        Round withRecorded(RecorderBench.Recorded what) {
            return new Round(
                    firesPerSecond, othersCores, cpuMicrosPerFire, schedulerThreadMicrosPerFire, cpuNanos, fires, what);
        }
    }

    static Round jobdeckRound(Config cfg) throws Exception {
        return jobdeckRound(cfg, app -> {});
    }

    /** For experiments: {@code tweak} changes the app after boot, before the load is installed. */
    static Round jobdeckRound(Config cfg, Tweak tweak, String... extraArgs) throws Exception {
        try (JobdeckApp app = JobdeckApp.boot(cfg.workerThreads(), extraArgs)) {
            tweak.apply(app);
            install(app.scheduler, cfg);
            long f0 = BenchJobs.FIRES.sum();
            app.startAndWait();
            Round round = measure(cfg);
            // Recording is on: after the round, every execution that ran must be in the history.
            return round.withRecorded(RecorderBench.recorded(app, f0));
        }
    }

    static Round bareRound(Config cfg) throws Exception {
        return bareRound(cfg, Knobs.bool("bench.bare.dbLocks"));
    }

    static Round bareRound(Config cfg, boolean dbLocks) throws Exception {
        return bareRound(cfg, dbLocks, "1");
    }

    /** For experiments: {@code schema} as in {@link BareQuartz#create(int, boolean, String)}. */
    static Round bareRound(Config cfg, boolean dbLocks, String schema) throws Exception {
        try (BareQuartz bare = BareQuartz.create(cfg.workerThreads(), dbLocks, schema)) {
            install(bare.scheduler, cfg);
            bare.scheduler.start();
            return measure(cfg);
        }
    }

    private static Round measure(Config cfg) throws InterruptedException {
        trace(cfg.warmupMs());
        Quiet.await("a throughput round");
        CpuMonitor cpu = CpuMonitor.start();
        ThreadCpu threads = ThreadCpu.start();
        long f0 = BenchJobs.FIRES.sum();
        LoadMeter meter = LoadMeter.start();
        trace(cfg.measureMs());
        LoadMeter.Load load = meter.stop();
        long fires = BenchJobs.FIRES.sum() - f0;
        java.util.Map<String, Long> cpuNanos = threads.stop();
        double perFire = fires == 0 ? 0 : cpuNanos.get("(process)") / 1e3 / fires;
        double schedPerFire = fires == 0 ? 0 : cpuNanos.getOrDefault("quartz-scheduler-thread", 0L) / 1e3 / fires;
        return new Round(load.firesPerSecond(), cpu.othersCores(), perFire, schedPerFire, cpuNanos, fires, null);
    }

    /** Sleeps; with -Dbench.trace=true prints the fire rate of every second (to see warm-up and drift). */
    private static void trace(long millis) throws InterruptedException {
        if (!Knobs.bool("bench.trace")) {
            Thread.sleep(millis);
            return;
        }
        long end = System.nanoTime() + millis * 1_000_000;
        StringBuilder line = new StringBuilder("#   per second:");
        while (System.nanoTime() < end) {
            long f0 = BenchJobs.FIRES.sum();
            long t0 = System.nanoTime();
            Thread.sleep(Math.min(1000, Math.max(1, (end - t0) / 1_000_000)));
            line.append(' ').append(Math.round((BenchJobs.FIRES.sum() - f0) / ((System.nanoTime() - t0) / 1e9)));
        }
        System.out.println(line);
    }

    private static void install(Scheduler s, Config cfg) throws SchedulerException {
        install(s, cfg.jobs(), cfg.intervalMs());
    }

    /** {@code jobs} no-op jobs, each on a SimpleTrigger every {@code intervalMs}, their first fires spread evenly. */
    static void install(Scheduler s, int jobs, long intervalMs) throws SchedulerException {
        long now = System.currentTimeMillis();
        for (int i = 0; i < jobs; i++) {
            ClickBench.schedule(
                    s, BenchJobs.NoopJob.class, "noop-" + i, intervalMs, new Date(now + intervalMs * i / jobs));
        }
    }
}
