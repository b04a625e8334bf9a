package io.jobdeck.nodes;

import io.jobdeck.scheduler.SchedulerState;
import io.jobdeck.scheduler.StatusReason;
import org.jspecify.annotations.Nullable;

/**
 * What one node does that the cluster's state alone does not say: on its way to the desired state ("Stopping… 2 jobs
 * still running on node-b"), not following it, or lost.
 *
 * @param kind        which of those
 * @param node        the node's readable name
 * @param state       its state
 * @param runningJobs jobs still running on it
 * @param reason      its reason, if it gave one
 */
public record NodeNotice(
        Kind kind,
        String node,
        SchedulerState state,
        int runningJobs,
        @Nullable StatusReason reason) {

    public enum Kind {
        /** Starting, or stopping with jobs still running: it is on its way. */
        TRANSITION,
        /** In a state the cluster's desired state does not ask for. */
        DISAGREES,
        /** It stopped checking in. */
        LOST
    }
}
