package io.jobdeck.stats;

import java.time.Instant;
import java.util.List;

/**
 * The dashboard's series: one entry per minute of the last 24 hours, oldest first, the current minute last (so far).
 *
 * @param at         when it was computed
 * @param executions executions per minute, succeeded and failed
 * @param fireLag    how late fires were, per minute
 * @param pool       worker pool use per minute
 */
public record StatsSnapshot(
        Instant at, List<MinuteCount> executions, List<MinutePercentiles> fireLag, List<MinutePoolUse> pool) {

    public StatsSnapshot {
        executions = List.copyOf(executions);
        fireLag = List.copyOf(fireLag);
        pool = List.copyOf(pool);
    }
}
