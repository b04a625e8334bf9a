package io.jobdeck.jobs.internal;

import io.jobdeck.jobs.JobState;
import io.jobdeck.jobs.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.quartz.CronTrigger;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.springframework.stereotype.Component;

/** Reads jobs and their triggers from the Quartz job store. Does I/O: never call it on a UI or Quartz thread. */
@Component
public class JobCatalogReader {

    private final Scheduler scheduler;

    JobCatalogReader(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** These jobs, in group and name order; a job deleted meanwhile is left out. */
    public List<CatalogEntry> read(List<JobKey> keys) throws SchedulerException {
        List<CatalogEntry> entries = new ArrayList<>();
        for (JobKey key : keys) {
            read(key).ifPresent(entries::add);
        }
        entries.sort(Comparator.comparing(CatalogEntry::group).thenComparing(CatalogEntry::name));
        return entries;
    }

    /** One job and its triggers; empty if it is gone. */
    public java.util.Optional<CatalogEntry> read(JobKey key) throws SchedulerException {
        JobDetail detail = scheduler.getJobDetail(key);
        if (detail == null) {
            return java.util.Optional.empty();
        }
        List<? extends Trigger> triggers = scheduler.getTriggersOfJob(key);
        List<Schedule> schedules = new ArrayList<>();
        List<Trigger.TriggerState> states = new ArrayList<>();
        List<@Nullable Date> upcoming = new ArrayList<>();
        for (Trigger trigger : triggers) {
            schedules.add(schedule(trigger));
            Trigger.TriggerState state = scheduler.getTriggerState(trigger.getKey());
            states.add(state);
            if (state == Trigger.TriggerState.NORMAL || state == Trigger.TriggerState.BLOCKED) {
                upcoming.add(trigger.getNextFireTime()); // a paused trigger's next fire time will not happen
            }
        }
        return java.util.Optional.of(new CatalogEntry(
                key.getGroup(),
                key.getName(),
                detail.getDescription(),
                List.copyOf(schedules),
                earliest(upcoming),
                latest(triggers.stream().map(Trigger::getPreviousFireTime).toList()),
                state(states)));
    }

    public static Schedule schedule(Trigger trigger) {
        if (trigger instanceof CronTrigger cron) {
            ZoneId zone = cron.getTimeZone() == null
                    ? ZoneId.systemDefault()
                    : cron.getTimeZone().toZoneId();
            return new Schedule.Cron(cron.getCronExpression(), zone);
        }
        if (trigger instanceof SimpleTrigger simple) {
            if (simple.getRepeatCount() == 0) {
                return new Schedule.Once(simple.getStartTime().toInstant());
            }
            return new Schedule.Interval(Duration.ofMillis(simple.getRepeatInterval()), simple.getRepeatCount());
        }
        return new Schedule.Other(trigger.getClass().getSimpleName());
    }

    static JobState state(List<Trigger.TriggerState> states) {
        if (states.isEmpty()) {
            return JobState.UNSCHEDULED;
        }
        if (states.contains(Trigger.TriggerState.ERROR)) {
            return JobState.ERROR;
        }
        if (states.contains(Trigger.TriggerState.BLOCKED)) {
            return JobState.BLOCKED;
        }
        if (states.contains(Trigger.TriggerState.NORMAL)) {
            return JobState.SCHEDULED;
        }
        if (states.contains(Trigger.TriggerState.PAUSED)) {
            return JobState.PAUSED;
        }
        return JobState.COMPLETE;
    }

    private static @Nullable Instant earliest(List<? extends @Nullable Date> dates) {
        return dates.stream()
                .filter(Objects::nonNull)
                .map(Date::toInstant)
                .min(Comparator.naturalOrder())
                .orElse(null);
    }

    private static @Nullable Instant latest(List<? extends @Nullable Date> dates) {
        return dates.stream()
                .filter(Objects::nonNull)
                .map(Date::toInstant)
                .max(Comparator.naturalOrder())
                .orElse(null);
    }
}
