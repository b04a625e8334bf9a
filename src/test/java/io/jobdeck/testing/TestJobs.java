package io.jobdeck.testing;

import io.jobdeck.jobs.demo.HeartbeatJob;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
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
                JobBuilder.newJob(HeartbeatJob.class).withIdentity(key).withDescription(description).build(),
                TriggerBuilder.newTrigger()
                        .withIdentity(key.getName(), key.getGroup())
                        .startAt(Date.from(Instant.now().plus(Duration.ofDays(1))))
                        .withSchedule(SimpleScheduleBuilder.repeatHourlyForever(24))
                        .build());
        return key;
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
}
