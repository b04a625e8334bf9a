package io.jobdeck.jobs.demo;

import io.jobdeck.scheduler.JobInterruptedException;
import java.time.Duration;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/** Demo: a slow job (about 20 s by default) that stops early when interrupted. */
@DisallowConcurrentExecution
public class SlowReportJob implements InterruptableJob {

    /** Job data key for the run time in milliseconds. */
    public static final String DURATION_MILLIS = "durationMillis";

    private volatile boolean interrupted;
    private volatile Thread runner = Thread.currentThread();

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        runner = Thread.currentThread();
        long millis = context.getMergedJobDataMap().containsKey(DURATION_MILLIS)
                ? context.getMergedJobDataMap().getLong(DURATION_MILLIS)
                : Duration.ofSeconds(20).toMillis();
        long deadline = System.nanoTime() + Duration.ofMillis(millis).toNanos();
        try {
            while (!interrupted && System.nanoTime() < deadline) {
                // Stands in for a slow report; a real job would do its work here and check for interruption.
                Thread.sleep(Math.min(200, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            interrupted = true;
        }
        if (interrupted) {
            throw new JobInterruptedException("Report interrupted by an operator");
        }
    }

    @Override
    public void interrupt() {
        interrupted = true;
        runner.interrupt();
    }
}
