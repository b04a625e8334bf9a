package io.jobdeck.jobs;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One job as the dashboard shows it.
 *
 * @param group        job group
 * @param name         job name
 * @param description  what the job is for, or null
 * @param schedules    one per trigger
 * @param nextFire     the earliest next fire time over its triggers, or null
 * @param previousFire the latest previous fire time over its triggers, or null
 * @param state        the job's state (RUNNING while it executes, whatever else is true)
 * @param paused       whether its triggers are paused (also while a run started before the pause still executes)
 * @param lastRun      how its most recent execution on this node ended, or null
 */
public record JobOverview(
        String group,
        String name,
        @Nullable String description,
        List<Schedule> schedules,
        @Nullable Instant nextFire,
        @Nullable Instant previousFire,
        JobState state,
        boolean paused,
        @Nullable LastRun lastRun) {}
