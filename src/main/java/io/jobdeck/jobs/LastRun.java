package io.jobdeck.jobs;

import io.jobdeck.events.JobOutcome;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** How a job's most recent execution ended. */
public record LastRun(
        JobOutcome outcome,
        Instant firedAt,
        Duration runTime,
        @Nullable String error) {}
