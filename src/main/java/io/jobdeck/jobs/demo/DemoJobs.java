package io.jobdeck.jobs.demo;

import static org.quartz.CronScheduleBuilder.cronSchedule;
import static org.quartz.SimpleScheduleBuilder.simpleSchedule;

import io.jobdeck.jobs.RetryPolicy;
import java.time.Duration;
import java.util.List;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Installs the demo jobs (group {@value #GROUP}) on startup so that a new dashboard moves at once, or removes them
 * when {@code jobdeck.demo.enabled=false}. Existing demo jobs are left as the operator changed them.
 */
@Component
public class DemoJobs {

    public static final String GROUP = "demo";
    public static final JobKey HEARTBEAT = JobKey.jobKey("heartbeat", GROUP);
    public static final JobKey SLOW_REPORT = JobKey.jobKey("slow-report", GROUP);
    public static final JobKey FLAKY_SYNC = JobKey.jobKey("flaky-sync", GROUP);

    private static final Logger log = LoggerFactory.getLogger(DemoJobs.class);

    private final Scheduler scheduler;
    private final DemoProperties properties;

    DemoJobs(Scheduler scheduler, DemoProperties properties) {
        this.scheduler = scheduler;
        this.properties = properties;
    }

    @EventListener(ApplicationStartedEvent.class)
    void installOrRemove() throws SchedulerException {
        if (!properties.enabled()) {
            boolean removed = scheduler.deleteJobs(List.of(HEARTBEAT, SLOW_REPORT, FLAKY_SYNC));
            if (removed) {
                log.info("Demo jobs removed (jobdeck.demo.enabled=false)");
            }
            return;
        }
        install(
                HEARTBEAT,
                HeartbeatJob.class,
                RetryPolicy.NONE,
                "[Demo] A quick heartbeat every 5 seconds",
                TriggerBuilder.newTrigger()
                        .withSchedule(simpleSchedule()
                                .withIntervalInSeconds(5)
                                .repeatForever()
                                .withMisfireHandlingInstructionNextWithRemainingCount())
                        .build());
        install(
                SLOW_REPORT,
                SlowReportJob.class,
                RetryPolicy.NONE,
                "[Demo] A slow report (about 20 s) that can be interrupted",
                TriggerBuilder.newTrigger()
                        .withSchedule(cronSchedule("0 * * * * ?").withMisfireHandlingInstructionDoNothing())
                        .build());
        install(
                FLAKY_SYNC,
                FlakyJob.class,
                // Retried twice, 2 s then 4 s later: the history shows a failed run's attempts under it.
                RetryPolicy.exponential(3, Duration.ofSeconds(2), Duration.ofSeconds(10)),
                "[Demo] A sync that fails about one run in three",
                TriggerBuilder.newTrigger()
                        .withSchedule(cronSchedule("0/15 * * * * ?").withMisfireHandlingInstructionDoNothing())
                        .build());
    }

    private void install(JobKey key, Class<? extends Job> type, RetryPolicy retry, String description, Trigger trigger)
            throws SchedulerException {
        if (scheduler.checkExists(key)) {
            return;
        }
        JobDetail job = JobBuilder.newJob(type)
                .withIdentity(key)
                .withDescription(description)
                .usingJobData(new JobDataMap(retry.toData()))
                .build();
        try {
            scheduler.scheduleJob(
                    job,
                    TriggerBuilder.newTrigger()
                            .withIdentity(key.getName(), GROUP)
                            .forJob(job)
                            .withSchedule(trigger.getScheduleBuilder())
                            .startNow()
                            .build());
            log.info("Demo job {} installed", key);
        } catch (ObjectAlreadyExistsException installedMeanwhile) {
            // Another node starting on the same database installed it between the check and the insert.
            log.debug("Demo job {} was installed by another node", key);
        }
    }
}
