package io.jobdeck.jobs;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.hibernate.validator.constraints.Range;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;

/**
 * One trigger of a job as a person defines it: when it fires (a cron expression, a fixed interval, or once), in which
 * time zone (that of the cron expression and of the dates), from when and until when, with which priority when workers
 * are scarce, what it does about missed fires, and which calendar's excluded times it skips.
 *
 * @param name     the trigger's name within the job; empty for a new trigger (the service names it)
 * @param cron     the expression, for {@link Kind#CRON}
 * @param every    the interval, for {@link Kind#INTERVAL}
 * @param times    how many times an interval trigger fires in all; null for "forever"
 * @param at       when a {@link Kind#ONCE} trigger fires, in {@code zone}
 * @param start    not before this time (in {@code zone}); null for "from now"
 * @param end      not after this time (in {@code zone}); null for "no end"
 * @param priority which trigger goes first when several are due and workers are scarce (1–10, 5 by default)
 * @param calendar the name of a calendar whose excluded times are skipped; empty for none
 *     <p>A trigger holds only what its kind uses: the others' fields are cleared. The rules of one field are
 *     constraints on it (Bean Validation, checked by the form as it is typed and by the services); those that join
 *     fields (an interval needs its length, the end comes after the start) are {@link CronPreview}'s.
 */
public record TriggerDefinition(
        String name,
        Kind kind,
        String cron,

        @DurationMin(seconds = 1, message = "{trigger.every.tooShort}")
        @DurationMax(days = MAX_EVERY_DAYS, message = "{trigger.every.tooLong}")
        @Nullable
        Duration every,

        @Range(min = 1, max = TriggerDefinition.MAX_TIMES, message = "{trigger.times.range}") @Nullable
        Integer times,

        @Nullable LocalDateTime at,
        ZoneId zone,
        @Nullable LocalDateTime start,
        @Nullable LocalDateTime end,

        @Range(min = MIN_PRIORITY, max = MAX_PRIORITY, message = "{trigger.priority.range}")
        int priority,

        Misfire misfire,
        String calendar) {

    public static final int DEFAULT_PRIORITY = 5;
    public static final int MIN_PRIORITY = 1;
    public static final int MAX_PRIORITY = 10;
    /** The longest interval: a year. */
    public static final long MAX_EVERY_DAYS = 366;
    /** The most times an interval trigger may fire. */
    public static final int MAX_TIMES = 1_000_000;

    public TriggerDefinition {
        if (kind != Kind.CRON) {
            cron = "";
        }
        if (kind != Kind.INTERVAL) {
            every = null;
            times = null;
        }
        if (kind != Kind.ONCE) {
            at = null;
        } else {
            start = null;
            end = null;
        }
    }

    /** When a trigger fires. */
    public enum Kind {
        CRON,
        INTERVAL,
        ONCE
    }

    /** A new cron trigger with the usual choices. */
    public static TriggerDefinition cron(String expression, ZoneId zone, Misfire misfire) {
        return new TriggerDefinition(
                "", Kind.CRON, expression, null, null, null, zone, null, null, DEFAULT_PRIORITY, misfire, "");
    }

    /** A new trigger firing every {@code every}, {@code times} times in all (null: forever). */
    public static TriggerDefinition every(Duration every, @Nullable Integer times, ZoneId zone) {
        return new TriggerDefinition(
                "",
                Kind.INTERVAL,
                "",
                every,
                times,
                null,
                zone,
                null,
                null,
                DEFAULT_PRIORITY,
                Misfire.FIRE_ONCE_NOW,
                "");
    }

    /** A new trigger firing once, at {@code at} in {@code zone}. */
    public static TriggerDefinition once(LocalDateTime at, ZoneId zone) {
        return new TriggerDefinition(
                "", Kind.ONCE, "", null, null, at, zone, null, null, DEFAULT_PRIORITY, Misfire.FIRE_ONCE_NOW, "");
    }

    public TriggerDefinition named(String newName) {
        return new TriggerDefinition(
                newName, kind, cron, every, times, at, zone, start, end, priority, misfire, calendar);
    }

    public TriggerDefinition between(@Nullable LocalDateTime newStart, @Nullable LocalDateTime newEnd) {
        return new TriggerDefinition(
                name, kind, cron, every, times, at, zone, newStart, newEnd, priority, misfire, calendar);
    }

    public TriggerDefinition withPriority(int newPriority) {
        return new TriggerDefinition(
                name, kind, cron, every, times, at, zone, start, end, newPriority, misfire, calendar);
    }

    public TriggerDefinition withCalendar(String newCalendar) {
        return new TriggerDefinition(
                name, kind, cron, every, times, at, zone, start, end, priority, misfire, newCalendar);
    }

    public TriggerDefinition withMisfire(Misfire newMisfire) {
        return new TriggerDefinition(
                name, kind, cron, every, times, at, zone, start, end, priority, newMisfire, calendar);
    }
}
