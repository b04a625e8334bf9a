package io.jobdeck.stats.internal;

import io.jobdeck.stats.internal.StatsRepository.PoolMinute;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * This node's worker pool samples of the current minute, kept in memory and stored as one row once the minute is
 * over (or at shutdown). Used from one thread.
 */
public final class PoolSampler {

    private final StatsRepository repository;
    private final String node;
    private @Nullable PoolMinute current;

    public PoolSampler(StatsRepository repository, String node) {
        this.repository = repository;
        this.node = node;
    }

    /** Counts one sample; stores the previous minute when a new one began. */
    public void sample(long epochMinute, int busy, int poolSize) {
        PoolMinute c = current;
        if (c != null && c.epochMinute() != epochMinute) {
            store();
            c = null;
        }
        current = c == null
                ? new PoolMinute(epochMinute, node, 1, busy, busy, poolSize)
                : new PoolMinute(
                        epochMinute,
                        node,
                        c.samples() + 1,
                        c.busySum() + busy,
                        Math.max(c.busyMax(), busy),
                        Math.max(c.poolSize(), poolSize));
    }

    /** The current minute's samples so far (not stored yet). */
    public Optional<PoolMinute> current() {
        return Optional.ofNullable(current);
    }

    /** Stores the current minute's samples (the minute is over, or the node stops). */
    public void store() {
        PoolMinute c = current;
        current = null;
        if (c != null) {
            repository.insertPool(c);
        }
    }
}
