package io.jobdeck.bench;

import static org.quartz.TriggerBuilder.newTrigger;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.InterruptableJob;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

/**
 * The jobs the benchmarks schedule. Counters are static because Quartz (or Spring's job factory) creates a new
 * instance per fire; only one scheduler runs benchmark load at a time, and the counters are read as deltas.
 */
public final class BenchJobs {

    /** Executions started, by every benchmark job. */
    static final LongAdder FIRES = new LongAdder();

    /** Jobs executing right now (load jobs only), to report busy worker threads. */
    static final AtomicInteger ACTIVE = new AtomicInteger();

    /** Long jobs executing right now. */
    static final AtomicInteger LONG_ACTIVE = new AtomicInteger();

    /**
     * While set, a long job runs on while the scheduler stands by, and 1-2 s more once it is started again (or until
     * the job is interrupted): a stop then drains slowly, as with real long jobs, and the workers stay busy through the
     * browser benchmark's stops and starts. Off for the server-side benchmark, whose baseline waits for the drain.
     */
    static volatile boolean holdThroughStandby;

    private BenchJobs() {}

    /** Does nothing but count: the throughput benchmark's job. */
    public static class NoopJob implements Job {
        @Override
        public void execute(JobExecutionContext context) {
            FIRES.increment();
        }
    }

    /** A short no-op that also counts itself as busy while it runs: the click benchmark's frequent load. */
    public static class ShortJob implements Job {
        @Override
        public void execute(JobExecutionContext context) {
            ACTIVE.incrementAndGet();
            try {
                FIRES.increment();
            } finally {
                ACTIVE.decrementAndGet();
            }
        }
    }

    /**
     * Sleeps 1-2 s and stops early when interrupted: holds a worker thread. When it ends (not interrupted) it
     * schedules its own next run for "now", so the thread is taken again at once. (A repeating trigger would not do:
     * with a short interval its next fire time falls further behind on every run, and once it is 30 s behind
     * (misfireThreshold) Quartz no longer acquires it until the misfire handler's next pass.) Not concurrent, so the
     * new trigger waits, BLOCKED, until this run has ended.
     */
    @DisallowConcurrentExecution
    public static class LongJob implements InterruptableJob {

        private static final AtomicLong RUNS = new AtomicLong();

        private volatile boolean interrupted;
        private volatile Thread runner;

        @Override
        public void execute(JobExecutionContext context) throws JobExecutionException {
            runner = Thread.currentThread();
            ACTIVE.incrementAndGet();
            LONG_ACTIVE.incrementAndGet();
            try {
                FIRES.increment();
                long deadline = System.nanoTime() + ThreadLocalRandom.current().nextLong(1_000, 2_001) * 1_000_000L;
                while (!interrupted) {
                    if (holdThroughStandby && context.getScheduler().isInStandbyMode()) {
                        // Runs on through the stop, and 1-2 s more once the scheduler runs again, so that the
                        // long jobs do not all end (and wait to be fired again) at the moment of each start.
                        deadline =
                                System.nanoTime() + ThreadLocalRandom.current().nextLong(1_000, 2_001) * 1_000_000L;
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    Thread.sleep(Math.max(1, Math.min(100, left / 1_000_000)));
                }
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (SchedulerException e) {
                throw new JobExecutionException(e);
            } finally {
                LONG_ACTIVE.decrementAndGet();
                ACTIVE.decrementAndGet();
            }
            if (!interrupted) {
                runAgain(context);
            }
        }

        private static void runAgain(JobExecutionContext context) {
            JobKey job = context.getJobDetail().getKey();
            try {
                Scheduler scheduler = context.getScheduler();
                if (!scheduler.isShutdown()) {
                    scheduler.scheduleJob(newTrigger()
                            .withIdentity(job.getName() + "-" + RUNS.incrementAndGet(), job.getGroup())
                            .forJob(job)
                            .startNow()
                            .build());
                }
            } catch (SchedulerException | RuntimeException e) {
                // Shutting down.
            }
        }

        @Override
        public void interrupt() {
            interrupted = true;
            Thread t = runner;
            if (t != null) {
                t.interrupt();
            }
        }
    }
}
