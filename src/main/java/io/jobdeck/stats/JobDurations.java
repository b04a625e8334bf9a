package io.jobdeck.stats;

import java.time.Instant;
import java.util.List;

/** One job's run durations per minute of the last 24 hours, oldest first, the current minute last. */
public record JobDurations(String group, String name, Instant at, List<MinutePercentiles> durations) {

    public JobDurations {
        durations = List.copyOf(durations);
    }
}
