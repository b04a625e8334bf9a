package io.jobdeck.jobs.internal;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.stereotype.Component;

/**
 * Where Quartz keeps this scheduler's rows, for the services that read its tables directly: each table's name, with
 * the configured prefix ({@code org.quartz.jobStore.tablePrefix}, {@code QRTZ_} by default), and the scheduler's name,
 * which every row is keyed by.
 */
@Component
public class QuartzTables {

    private final String prefix;
    private final String schedulerName;

    QuartzTables(Scheduler scheduler, QuartzProperties quartz) throws SchedulerException {
        this.prefix = quartz.getProperties().getOrDefault("org.quartz.jobStore.tablePrefix", "QRTZ_");
        this.schedulerName = scheduler.getSchedulerName();
    }

    /** The {@code SCHED_NAME} of this scheduler's rows. */
    public String schedulerName() {
        return schedulerName;
    }

    public String jobDetails() {
        return prefix + "JOB_DETAILS";
    }

    public String triggers() {
        return prefix + "TRIGGERS";
    }

    public String cronTriggers() {
        return prefix + "CRON_TRIGGERS";
    }

    public String simpleTriggers() {
        return prefix + "SIMPLE_TRIGGERS";
    }

    public String firedTriggers() {
        return prefix + "FIRED_TRIGGERS";
    }

    public String locks() {
        return prefix + "LOCKS";
    }
}
