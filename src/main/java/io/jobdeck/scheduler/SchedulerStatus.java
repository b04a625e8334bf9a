package io.jobdeck.scheduler;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of the scheduler on one node, cheap to read from any thread.
 *
 * @param node             the node it describes
 * @param state            what the scheduler is doing
 * @param since            when it entered that state
 * @param reason           why it is DEGRADED, FAILED, still STOPPING, or STOPPED though drained, otherwise null
 * @param warnings         what an operator should know although the state is fine (e.g. a choice not yet saved)
 * @param runningJobs      jobs executing on this node now
 * @param busyThreads      worker threads busy now
 * @param poolSize         worker threads in total
 * @param jobCount         jobs in the job store (as of the last probe)
 * @param triggerCount     triggers in the job store (as of the last probe)
 * @param firedSinceStart  jobs fired since the last start
 * @param failedSinceStart jobs that failed since the last start
 */
public record SchedulerStatus(
        String node,
        SchedulerState state,
        Instant since,
        @Nullable StatusReason reason,
        List<StatusReason> warnings,
        int runningJobs,
        int busyThreads,
        int poolSize,
        int jobCount,
        int triggerCount,
        long firedSinceStart,
        long failedSinceStart) {

    public SchedulerStatus {
        warnings = List.copyOf(warnings);
    }

    public Optional<StatusReason> reasonIfAny() {
        return Optional.ofNullable(reason);
    }

    /** The status before anything is known, at startup: Quartz is created in standby. */
    public static SchedulerStatus initial(String node, Instant now, int poolSize) {
        return new SchedulerStatus(node, SchedulerState.STOPPED, now, null, List.of(), 0, 0, poolSize, 0, 0, 0, 0);
    }
}
