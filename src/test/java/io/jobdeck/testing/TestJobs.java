package io.jobdeck.testing;

import static org.awaitility.Awaitility.await;

import io.jobdeck.jobs.demo.DemoJobs;
import io.jobdeck.jobs.demo.HeartbeatJob;
import io.jobdeck.scheduler.SchedulerControl;
import io.jobdeck.scheduler.SchedulerMonitor;
import io.jobdeck.scheduler.SchedulerState;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;

/** Jobs that tests create, and questions tests ask Quartz. */
public final class TestJobs {

    private TestJobs() {}

    /** Adds a job whose only trigger first fires tomorrow. */
    public static JobKey createIdleJob(Scheduler scheduler, JobKey key, String description) throws SchedulerException {
        scheduler.scheduleJob(
                JobBuilder.newJob(HeartbeatJob.class)
                        .withIdentity(key)
                        .withDescription(description)
                        .build(),
                TriggerBuilder.newTrigger()
                        .withIdentity(key.getName(), key.getGroup())
                        .startAt(Date.from(Instant.now().plus(Duration.ofDays(1))))
                        .withSchedule(SimpleScheduleBuilder.repeatHourlyForever(24))
                        .build());
        return key;
    }

    /** Adds a job that fires every 100 ms from now on (a missed fire is skipped, not made up). */
    public static JobKey createFrequentJob(Scheduler scheduler, JobKey key) throws SchedulerException {
        scheduler.scheduleJob(
                JobBuilder.newJob(HeartbeatJob.class)
                        .withIdentity(key)
                        .withDescription("fires every 100 ms")
                        .build(),
                TriggerBuilder.newTrigger()
                        .withIdentity(key.getName(), key.getGroup())
                        .startNow()
                        .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                                .withIntervalInMilliseconds(100)
                                .repeatForever()
                                .withMisfireHandlingInstructionNextWithRemainingCount())
                        .build());
        return key;
    }

    /**
     * Starts the scheduler (the caller must be an operator) with the demo's 20-second report paused and not running,
     * so that no stop drains it at a random moment; tests that need a running job start one themselves.
     */
    public static void runWithoutTheSlowReport(Scheduler scheduler, SchedulerControl control, SchedulerMonitor monitor)
            throws Exception {
        scheduler.pauseJob(DemoJobs.SLOW_REPORT);
        scheduler.interrupt(DemoJobs.SLOW_REPORT);
        control.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> monitor.status().state() == SchedulerState.RUNNING
                        && !isExecuting(scheduler, DemoJobs.SLOW_REPORT));
    }

    /** Whether the job executes on this node now. */
    public static boolean isExecuting(Scheduler scheduler, JobKey key) throws SchedulerException {
        for (JobExecutionContext running : scheduler.getCurrentlyExecutingJobs()) {
            if (running.getJobDetail().getKey().equals(key)) {
                return true;
            }
        }
        return false;
    }

    /** Creates a job through the service, as an admin would. */
    public static void define(io.jobdeck.jobs.JobDefinitions definitions, io.jobdeck.jobs.JobDefinition job)
            throws Exception {
        As.call(
                io.jobdeck.security.Role.ADMIN,
                () -> definitions
                        .create(job, java.util.Locale.ENGLISH)
                        .toCompletableFuture()
                        .get(10, java.util.concurrent.TimeUnit.SECONDS));
    }
}
