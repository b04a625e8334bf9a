package io.jobdeck.jobs.demo;

import io.jobdeck.jobs.Progress;
import io.jobdeck.scheduler.JobInterruptedException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo: a slow job (about 20 s by default) that reports its progress page by page, logs as it goes, and stops early
 * when interrupted. An interrupt reaches the worker thread
 * only while this job runs on it, and the job reports it by its outcome, not by leaving the pool thread's interrupt
 * flag set (which would make Quartz's idle worker log an error).
 */
@DisallowConcurrentExecution
public class SlowReportJob implements InterruptableJob {

    /** Job data key for the run time in milliseconds. */
    public static final String DURATION_MILLIS = "durationMillis";

    /** The pages the report has: one step each. */
    static final int PAGES = 20;

    private static final Logger log = LoggerFactory.getLogger(SlowReportJob.class);

    private final Object lock = new Object();
    private @Nullable Thread runner; // guarded by lock: the worker, only while execute() runs
    private volatile boolean interrupted;

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        synchronized (lock) {
            runner = Thread.currentThread();
        }
        try {
            long millis = context.getMergedJobDataMap().containsKey(DURATION_MILLIS)
                    ? context.getMergedJobDataMap().getLongValue(DURATION_MILLIS) // stored as a string
                    : Duration.ofSeconds(20).toMillis();
            Progress progress = Progress.of(context);
            log.info("Writing the report: {} pages in about {} ms", PAGES, millis);
            long start = System.nanoTime();
            long deadline = start + Duration.ofMillis(millis).toNanos();
            int page = 0;
            while (!interrupted && System.nanoTime() < deadline) {
                // Stands in for a slow report; a real job would do its work here and check for interruption.
                Thread.sleep(Math.min(200, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
                int written = (int) Math.min(PAGES, (System.nanoTime() - start) * PAGES / (deadline - start));
                if (written > page) {
                    page = written;
                    progress.steps(page, PAGES);
                    progress.message("Page " + page + " of " + PAGES);
                    log.info("Page {} written", page);
                }
            }
            if (!interrupted) {
                log.info("Report written");
            }
        } catch (InterruptedException e) {
            interrupted = true; // handled here: the job ends as interrupted
        } finally {
            synchronized (lock) {
                runner = null;
                Thread.interrupted(); // an interrupt that arrived after the last sleep ends with this job
            }
        }
        if (interrupted) {
            throw new JobInterruptedException("Report interrupted by an operator");
        }
    }

    @Override
    public void interrupt() {
        interrupted = true;
        synchronized (lock) {
            if (runner != null) {
                runner.interrupt();
            }
        }
    }
}
