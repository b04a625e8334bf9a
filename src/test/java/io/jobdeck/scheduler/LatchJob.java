package io.jobdeck.scheduler;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/**
 * A test job that runs until its latch (named by job data "latch") is released, or it is interrupted. With job data
 * "restoreInterrupt" it does what well-behaved Java code does with an interrupt it cannot handle: sets the flag again.
 */
public class LatchJob implements InterruptableJob {

    public static final Map<String, CountDownLatch> LATCHES = new ConcurrentHashMap<>();
    public static final Map<String, Boolean> INTERRUPTED = new ConcurrentHashMap<>();

    private volatile Thread runner = Thread.currentThread();

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        runner = Thread.currentThread();
        String name = context.getMergedJobDataMap().getString("latch");
        try {
            if (!LATCHES.get(name).await(2, TimeUnit.MINUTES)) {
                throw new JobExecutionException("latch " + name + " was never released");
            }
        } catch (InterruptedException e) {
            INTERRUPTED.put(name, true);
            if (context.getMergedJobDataMap().getBooleanValue("restoreInterrupt")) {
                Thread.currentThread().interrupt();
            }
            throw new JobInterruptedException("interrupted");
        }
    }

    @Override
    public void interrupt() {
        runner.interrupt();
    }
}
