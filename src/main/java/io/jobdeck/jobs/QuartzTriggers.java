package io.jobdeck.jobs;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobKey;
import org.quartz.ScheduleBuilder;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

/**
 * Between a {@link TriggerDefinition} and the Quartz trigger that does it. What Quartz's trigger does not keep as the
 * person wrote it (the zone of an interval's dates, a start left empty) goes into the trigger's own data as strings.
 */
final class QuartzTriggers {

    /** Quartz names the one-off triggers of "run now" with this prefix; they are not part of a job's definition. */
    static final String RUN_NOW_PREFIX = "MT_";

    /** A retry's one-off trigger is named with this prefix: a run like Run now's, not part of the job's definition. */
    static final String RETRY_PREFIX = RUN_NOW_PREFIX + "retry-";

    private static final String ZONE = "jobdeck.zone";
    private static final String START = "jobdeck.start";
    private static final String END = "jobdeck.end";

    private QuartzTriggers() {}

    /** Whether a trigger of a job belongs to its definition (not a one-off run). */
    static boolean defines(Trigger trigger) {
        return !trigger.getKey().getName().startsWith(RUN_NOW_PREFIX);
    }

    /** The Quartz trigger for {@code definition} (which has its name), starting no earlier than {@code now}. */
    static Trigger build(JobKey job, TriggerDefinition definition, Instant now) {
        ZoneId zone = definition.zone();
        TriggerBuilder<Trigger> builder = TriggerBuilder.newTrigger()
                .withIdentity(definition.name(), job.getGroup())
                .forJob(job)
                .withPriority(definition.priority())
                .usingJobData(ZONE, zone.getId());
        if (!definition.calendar().isEmpty()) {
            builder.modifiedByCalendar(definition.calendar());
        }
        Instant start = now;
        if (definition.kind() == TriggerDefinition.Kind.ONCE) {
            start = at(definition.at(), zone, now);
        } else if (definition.start() != null) {
            start = definition.start().atZone(zone).toInstant();
            builder.usingJobData(START, definition.start().toString());
        }
        builder.startAt(Date.from(start));
        if (definition.end() != null && definition.kind() != TriggerDefinition.Kind.ONCE) {
            builder.endAt(Date.from(definition.end().atZone(zone).toInstant()));
            builder.usingJobData(END, definition.end().toString());
        }
        return builder.withSchedule(schedule(definition)).build();
    }

    private static ScheduleBuilder<? extends Trigger> schedule(TriggerDefinition definition) {
        Misfire misfire = definition.misfire();
        return switch (definition.kind()) {
            case CRON ->
                misfire.applyTo(
                        CronScheduleBuilder.cronSchedule(definition.cron().strip())
                                .inTimeZone(TimeZone.getTimeZone(definition.zone())));
            case INTERVAL -> {
                Duration every = definition.every() == null ? Duration.ofMinutes(1) : definition.every();
                Integer times = definition.times();
                yield misfire.applyTo(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(every.toMillis())
                        .withRepeatCount(times == null ? SimpleTrigger.REPEAT_INDEFINITELY : times - 1));
            }
            case ONCE -> misfire.applyTo(SimpleScheduleBuilder.simpleSchedule().withRepeatCount(0));
        };
    }

    private static Instant at(@Nullable LocalDateTime at, ZoneId zone, Instant otherwise) {
        return at == null ? otherwise : at.atZone(zone).toInstant();
    }

    /** A stored trigger as its form shows it; empty for a kind the form does not edit (made in code). */
    static Optional<TriggerDefinition> read(Trigger trigger) {
        String name = trigger.getKey().getName();
        String calendar = trigger.getCalendarName() == null ? "" : trigger.getCalendarName();
        Misfire misfire = Misfire.of(trigger);
        if (trigger instanceof CronTrigger cron) {
            ZoneId zone = cron.getTimeZone() == null
                    ? ZoneId.systemDefault()
                    : cron.getTimeZone().toZoneId();
            return Optional.of(new TriggerDefinition(
                    name,
                    TriggerDefinition.Kind.CRON,
                    cron.getCronExpression(),
                    null,
                    null,
                    null,
                    zone,
                    local(trigger, START),
                    local(trigger, END),
                    trigger.getPriority(),
                    misfire,
                    calendar));
        }
        if (trigger instanceof SimpleTrigger simple) {
            ZoneId zone = zone(trigger);
            if (simple.getRepeatCount() == 0) {
                return Optional.of(new TriggerDefinition(
                        name,
                        TriggerDefinition.Kind.ONCE,
                        "",
                        null,
                        null,
                        LocalDateTime.ofInstant(simple.getStartTime().toInstant(), zone),
                        zone,
                        null,
                        null,
                        trigger.getPriority(),
                        misfire,
                        calendar));
            }
            return Optional.of(new TriggerDefinition(
                    name,
                    TriggerDefinition.Kind.INTERVAL,
                    "",
                    Duration.ofMillis(simple.getRepeatInterval()),
                    simple.getRepeatCount() < 0 ? null : simple.getRepeatCount() + 1,
                    null,
                    zone,
                    local(trigger, START),
                    local(trigger, END),
                    trigger.getPriority(),
                    misfire,
                    calendar));
        }
        return Optional.empty();
    }

    private static ZoneId zone(Trigger trigger) {
        try {
            return ZoneId.of(trigger.getJobDataMap().getString(ZONE));
        } catch (RuntimeException notKept) {
            return ZoneId.systemDefault();
        }
    }

    private static @Nullable LocalDateTime local(Trigger trigger, String key) {
        Object value = trigger.getJobDataMap().get(key);
        if (value == null) {
            return key.equals(END) && trigger.getEndTime() != null
                    ? LocalDateTime.ofInstant(trigger.getEndTime().toInstant(), zone(trigger))
                    : null;
        }
        try {
            return LocalDateTime.parse(value.toString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A trigger in one line, for the audit trail and the version: what it does and when, not its pause or fires. */
    static String describe(TriggerDefinition t) {
        return parts(t).entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining("; "));
    }

    /** A trigger's parts by name ({@code schedule}, {@code zone}, {@code from} …), the ones it has, in order. */
    static Map<String, String> parts(TriggerDefinition t) {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put(
                "schedule",
                switch (t.kind()) {
                    case CRON -> "cron " + t.cron().strip();
                    case INTERVAL ->
                        "every " + t.every() + (t.times() == null ? ", forever" : ", " + t.times() + " times");
                    case ONCE -> "once at " + t.at();
                });
        parts.put("zone", t.zone().getId());
        if (t.start() != null) {
            parts.put("from", String.valueOf(t.start()));
        }
        if (t.end() != null) {
            parts.put("until", String.valueOf(t.end()));
        }
        parts.put("priority", String.valueOf(t.priority()));
        parts.put("misfire", t.misfire().name());
        if (!t.calendar().isEmpty()) {
            parts.put("calendar", t.calendar());
        }
        return parts;
    }
}
