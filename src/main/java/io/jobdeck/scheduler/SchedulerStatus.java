package io.jobdeck.scheduler;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of the scheduler, cheap to read from any thread.
 *
 * @param state       what the scheduler is doing
 * @param since       when it entered that state
 * @param reason      why it is DEGRADED or FAILED, otherwise null
 * @param runningJobs jobs executing on this node now
 * @param busyThreads worker threads busy now
 * @param poolSize    worker threads in total
 * @param jobCount    jobs in the job store (as of the last probe)
 * @param triggerCount triggers in the job store (as of the last probe)
 * @param firedSinceStart jobs fired since the last start
 * @param failedSinceStart jobs that failed since the last start
 */
public record SchedulerStatus(
        SchedulerState state,
        Instant since,
        @Nullable String reason,
        int runningJobs,
        int busyThreads,
        int poolSize,
        int jobCount,
        int triggerCount,
        long firedSinceStart,
        long failedSinceStart) {

    public Optional<String> reasonText() {
        return Optional.ofNullable(reason);
    }

    /** The status before anything is known, at startup. */
    public static SchedulerStatus initial(Instant now, int poolSize) {
        return new SchedulerStatus(SchedulerState.STOPPED, now, null, 0, 0, poolSize, 0, 0, 0, 0);
    }
}
