package io.jobdeck.bench;

import static org.quartz.JobBuilder.newJob;
import static org.quartz.SimpleScheduleBuilder.simpleSchedule;
import static org.quartz.TriggerBuilder.newTrigger;

import io.jobdeck.scheduler.CommandResult;
import io.jobdeck.scheduler.LifecycleCommand;
import io.jobdeck.scheduler.SchedulerControl;
import java.util.Arrays;
import java.util.Date;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

/**
 * Benchmark 1: the server-side cost of a Start/Stop click while Quartz is loaded, through the dashboard's own code
 * path ({@code command.sendTo(control)}: role check, audit, submit; plus {@code whenComplete(...)}), against a naive
 * UI that runs the blocking Quartz lifecycle on the calling thread. {@link BrowserClickBench} measures the same click
 * as a user sees it.
 */
final class ClickBench {

    /** The load and the click pattern. */
    record Config(
            int workerThreads,
            int longJobs,
            int shortTriggers,
            long shortIntervalMs,
            int warmupClicks,
            int clicks,
            int baselineClicks,
            long gapAfterStopMs,
            long gapAfterStartMs,
            long loadWarmupMs) {

        String describe() {
            return String.format(
                    "%d worker threads; %d interruptible jobs sleeping 1-2 s (re-fired at once, each holds a thread);"
                            + " %d no-op triggers every %d ms (offered %d fires/s); clicks alternate STOP,START with"
                            + " %d ms after STOP and %d ms after START",
                    workerThreads,
                    longJobs,
                    shortTriggers,
                    shortIntervalMs,
                    shortTriggers * 1000 / shortIntervalMs,
                    gapAfterStopMs,
                    gapAfterStartMs);
        }
    }

    record Result(
            long[] clickNanos,
            long[] stopNanos,
            long[] startNanos,
            long[] appliedNanos,
            int failures,
            LoadMeter.Load load,
            double othersCores,
            long[] baselineNanos,
            long[] baselineStopNanos,
            long[] baselineStartNanos,
            LoadMeter.Load baselineLoad) {}

    private ClickBench() {}

    static Result run(Config cfg) throws Exception {
        try (JobdeckApp app = JobdeckApp.boot(cfg.workerThreads())) {
            installLoad(app.scheduler, cfg);
            app.startAndWait();
            Thread.sleep(cfg.loadWarmupMs());
            awaitLongJobs(cfg.longJobs(), 5000);

            // Warm up the click path (JIT), under the same load, then measure.
            clicks(app.control, cfg.warmupClicks(), cfg);
            System.gc();
            Thread.sleep(500);
            IntSupplier busy = PoolProbe.busyWorkers(app.scheduler);
            Quiet.await("the measured clicks");
            CpuMonitor cpu = CpuMonitor.start();
            LoadMeter meter = LoadMeter.start(busy);
            Clicks jd = clicks(app.control, cfg.clicks(), cfg);
            LoadMeter.Load load = meter.stop();
            double othersCores = cpu.othersCores();

            // Baseline: the blocking Quartz lifecycle on the calling thread. Warm up start()/standby() first.
            Scheduler s = app.scheduler;
            for (int i = 0; i < 20; i++) {
                s.standby();
                Thread.sleep(1);
                s.start();
                Thread.sleep(5);
            }
            System.gc();
            Quiet.await("the baseline clicks");
            long[] base = new long[cfg.baselineClicks()];
            LoadMeter baseMeter = LoadMeter.start(busy);
            for (int i = 0; i < base.length; i++) {
                boolean stop = i % 2 == 0;
                long t0 = System.nanoTime();
                if (stop) {
                    s.standby();
                    while (!s.getCurrentlyExecutingJobs().isEmpty()) {
                        Thread.sleep(1);
                    }
                } else {
                    s.start();
                }
                base[i] = System.nanoTime() - t0;
                if (!stop) {
                    // Not timed: let the long jobs take their threads again, so the next stop has a real drain.
                    awaitLongJobs(cfg.longJobs(), 1000);
                }
                Thread.sleep(stop ? cfg.gapAfterStopMs() : cfg.gapAfterStartMs());
            }
            LoadMeter.Load baseLoad = baseMeter.stop();

            // JobdeckApp.close() stops through the app, interrupting the long jobs, and lets everything drain.
            return new Result(
                    jd.all,
                    jd.stops,
                    jd.starts,
                    jd.applied,
                    jd.failures.get(),
                    load,
                    othersCores,
                    base,
                    every(base, 0),
                    every(base, 1),
                    baseLoad);
        }
    }

    static void awaitLongJobs(int count, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (BenchJobs.LONG_ACTIVE.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    record Clicks(long[] all, long[] stops, long[] starts, long[] applied, AtomicInteger failures) {}

    /** Alternate STOP and START exactly as DashboardView.send does it; the time measured is call-to-return. */
    static Clicks clicks(SchedulerControl control, int n, Config cfg) throws Exception {
        long[] lat = new long[n];
        long[] applied = new long[n];
        AtomicInteger failures = new AtomicInteger();
        CompletionStage<CommandResult> last = null;
        for (int i = 0; i < n; i++) {
            LifecycleCommand command = i % 2 == 0 ? LifecycleCommand.STOP : LifecycleCommand.START;
            int index = i;
            long t0 = System.nanoTime();
            CompletionStage<CommandResult> result = command.sendTo(control);
            result.whenComplete((done, error) -> {
                applied[index] = System.nanoTime() - t0;
                if (error != null || !done.succeeded()) {
                    failures.incrementAndGet();
                }
            });
            lat[i] = System.nanoTime() - t0;
            last = result;
            Thread.sleep(command == LifecycleCommand.STOP ? cfg.gapAfterStopMs() : cfg.gapAfterStartMs());
        }
        if (last != null) {
            last.toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
        return new Clicks(lat, every(lat, 0), every(lat, 1), applied, failures);
    }

    private static long[] every(long[] values, int offset) {
        long[] out = new long[(values.length - offset + 1) / 2];
        for (int i = offset, j = 0; i < values.length; i += 2, j++) {
            out[j] = values[i];
        }
        return Arrays.copyOf(out, out.length);
    }

    static void installLoad(Scheduler s, Config cfg) throws SchedulerException {
        for (int i = 0; i < cfg.longJobs(); i++) {
            // Durable: each run replaces its finished one-shot trigger with a new one (see LongJob).
            s.scheduleJob(
                    newJob(BenchJobs.LongJob.class)
                            .withIdentity("long-" + i, "bench")
                            .storeDurably()
                            .build(),
                    newTrigger()
                            .withIdentity("long-" + i + "-0", "bench")
                            .startNow()
                            .build());
        }
        long now = System.currentTimeMillis();
        for (int i = 0; i < cfg.shortTriggers(); i++) {
            // Staggered so the offered load is even over time.
            long offset = cfg.shortIntervalMs() * i / cfg.shortTriggers();
            schedule(s, BenchJobs.ShortJob.class, "short-" + i, cfg.shortIntervalMs(), new Date(now + offset));
        }
    }

    static void schedule(Scheduler s, Class<? extends Job> type, String name, long intervalMs, Date start)
            throws SchedulerException {
        s.scheduleJob(
                newJob(type).withIdentity(name, "bench").build(),
                newTrigger()
                        .withIdentity(name, "bench")
                        .startAt(start)
                        .withSchedule(simpleSchedule()
                                .withIntervalInMilliseconds(intervalMs)
                                .repeatForever()
                                .withMisfireHandlingInstructionNextWithRemainingCount())
                        .build());
    }
}
