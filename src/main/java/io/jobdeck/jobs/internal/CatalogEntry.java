package io.jobdeck.jobs.internal;

import io.jobdeck.jobs.JobState;
import io.jobdeck.jobs.Schedule;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A job as read from the job store, before live data (running, last outcome) is merged in. */
public record CatalogEntry(
        String group,
        String name,
        @Nullable String description,
        List<Schedule> schedules,
        @Nullable Instant nextFire,
        @Nullable Instant previousFire,
        JobState storedState) {}
