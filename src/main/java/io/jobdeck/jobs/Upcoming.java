package io.jobdeck.jobs;

import java.time.Instant;
import java.util.List;

/**
 * Every fire of every job in the 24 hours from {@code from}, paused triggers and jobs left out and calendars applied:
 * how many fire in each hour, and one page of them.
 *
 * @param from         where the window starts; hour {@code i} is the hour from {@code from + i} hours
 * @param perHour      fires in each of the 24 hours; those from {@code countedHours} on were not counted (0)
 * @param countedHours how many hours were counted: 24, or fewer when there were too many fires to count
 * @param total        fires in the counted hours, or at least this many when not {@code totalExact}
 * @param totalExact   false when some fires were left out: hours not counted, or too many triggers to read
 * @param offset       where the page starts among the fires, in time order
 * @param page         the page's fires, in time order, then by job group and name
 */
public record Upcoming(
        Instant from,
        List<Long> perHour,
        int countedHours,
        long total,
        boolean totalExact,
        int offset,
        List<Fire> page) {

    public Upcoming {
        perHour = List.copyOf(perHour);
        page = List.copyOf(page);
    }

    /** The end of the counted part of the window. */
    public Instant countedUntil() {
        return from.plusSeconds(3_600L * countedHours);
    }

    /** One fire: when, which job, by which trigger, and that trigger's schedule. */
    public record Fire(
            Instant at, String jobGroup, String jobName, String triggerGroup, String triggerName, Schedule schedule) {}
}
