package io.jobdeck.jobs;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** When a trigger fires, in a form that can be put into words. */
public sealed interface Schedule {

    /** A Quartz cron expression in a time zone. */
    record Cron(String expression, ZoneId zone) implements Schedule {}

    /** A fixed interval; {@code repeatCount} is -1 for "forever". */
    record Interval(Duration every, int repeatCount) implements Schedule {}

    /** A single firing. */
    record Once(Instant at) implements Schedule {}

    /** A trigger kind Jobdeck does not describe in detail. */
    record Other(String kind) implements Schedule {}
}
