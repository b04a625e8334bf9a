package io.jobdeck.scheduler.internal;

import io.jobdeck.scheduler.StatusReason;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The job store's last answer to the probe.
 *
 * @param problem        why it does not answer (an error, or no answer within the deadline), or null if it does
 * @param jobCount       jobs stored
 * @param triggerCount   triggers stored
 * @param overdue        triggers waiting to fire although their time passed more than the allowed lag ago
 * @param checkedAt      when the probe asked
 */
public record StoreHealth(
        @Nullable StatusReason problem, int jobCount, int triggerCount, int overdue, Instant checkedAt) {

    public boolean answers() {
        return problem == null;
    }

    public static StoreHealth unknown(Instant now) {
        return new StoreHealth(null, 0, 0, 0, now);
    }

    public static StoreHealth ok(int jobs, int triggers, int overdue, Instant now) {
        return new StoreHealth(null, jobs, triggers, overdue, now);
    }

    /** Not answering; the counts stay as last seen. */
    public StoreHealth failing(StatusReason problem, Instant now) {
        return new StoreHealth(problem, jobCount, triggerCount, overdue, now);
    }
}
