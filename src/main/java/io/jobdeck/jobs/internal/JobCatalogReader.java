package io.jobdeck.jobs.internal;

import io.jobdeck.jobs.JobState;
import io.jobdeck.jobs.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.quartz.CronTrigger;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.impl.jdbcjobstore.Constants;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads jobs and their triggers from the Quartz job store. Does I/O: never call it on a UI or Quartz thread. */
@Component
public class JobCatalogReader {

    private final Scheduler scheduler;
    private final JdbcClient jdbc;
    private final QuartzTables tables;

    JobCatalogReader(Scheduler scheduler, JdbcClient jdbc, QuartzTables tables) {
        this.scheduler = scheduler;
        this.jdbc = jdbc;
        this.tables = tables;
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

    /** What a fire changes of a job: when it fires next and last fired, and its state. */
    public record Fires(
            @Nullable Instant nextFire, @Nullable Instant previousFire, JobState state) {}

    /**
     * What the fires of these jobs changed, as their triggers' rows say now, in one query: a fire does not change a
     * job's description or schedules, so reading those again through Quartz (five statements a job) is not needed. A
     * job with no trigger row (its last trigger completed, or the job is gone) is left out: read it whole.
     */
    public Map<JobKey, Fires> readFires(Collection<JobKey> keys) {
        Map<JobKey, Fires> fires = new HashMap<>();
        List<JobKey> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += FIRES_PER_QUERY) {
            List<JobKey> some = all.subList(from, Math.min(all.size(), from + FIRES_PER_QUERY));
            Map<JobKey, List<Trigger.TriggerState>> states = new HashMap<>();
            Map<JobKey, List<@Nullable Date>> upcoming = new HashMap<>();
            Map<JobKey, List<@Nullable Date>> previous = new HashMap<>();
            List<Object> params = new ArrayList<>();
            params.add(tables.schedulerName());
            some.forEach(k -> {
                params.add(k.getName());
                params.add(k.getGroup());
            });
            jdbc.sql("SELECT JOB_NAME, JOB_GROUP, TRIGGER_STATE, NEXT_FIRE_TIME, PREV_FIRE_TIME FROM "
                            + tables.triggers() + " WHERE SCHED_NAME = ? AND (JOB_NAME, JOB_GROUP) IN ("
                            + String.join(", ", java.util.Collections.nCopies(some.size(), "(?, ?)")) + ")")
                    .params(params)
                    .query(rs -> {
                        JobKey key = JobKey.jobKey(rs.getString(1), rs.getString(2));
                        Trigger.TriggerState state = state(rs.getString(3));
                        states.computeIfAbsent(key, k -> new ArrayList<>()).add(state);
                        if (state == Trigger.TriggerState.NORMAL || state == Trigger.TriggerState.BLOCKED) {
                            upcoming.computeIfAbsent(key, k -> new ArrayList<>())
                                    .add(date(rs.getLong(4)));
                        }
                        previous.computeIfAbsent(key, k -> new ArrayList<>()).add(date(rs.getLong(5)));
                    });
            states.forEach((key, s) -> fires.put(
                    key,
                    new Fires(
                            earliest(upcoming.getOrDefault(key, List.of())),
                            latest(previous.getOrDefault(key, List.of())),
                            state(s))));
        }
        return fires;
    }

    /** At most this many jobs in one query (two parameters each). */
    private static final int FIRES_PER_QUERY = 200;

    /** Quartz's trigger state as {@code Scheduler.getTriggerState} gives it, from its row's {@code TRIGGER_STATE}. */
    private static Trigger.TriggerState state(@Nullable String stored) {
        return switch (stored == null ? "" : stored) {
            case Constants.STATE_PAUSED, Constants.STATE_PAUSED_BLOCKED -> Trigger.TriggerState.PAUSED;
            case Constants.STATE_COMPLETE -> Trigger.TriggerState.COMPLETE;
            case Constants.STATE_BLOCKED -> Trigger.TriggerState.BLOCKED;
            case Constants.STATE_ERROR -> Trigger.TriggerState.ERROR;
            case Constants.STATE_DELETED -> Trigger.TriggerState.NONE;
            default -> Trigger.TriggerState.NORMAL;
        };
    }

    /** A stored time: Quartz keeps milliseconds, 0 or less for none. */
    private static @Nullable Date date(long millis) {
        return millis > 0 ? new Date(millis) : null;
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
