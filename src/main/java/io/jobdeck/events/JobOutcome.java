package io.jobdeck.events;

/** How an execution ended, or that it has not ended yet ({@link #RUNNING}, in the history only). */
public enum JobOutcome {
    SUCCEEDED,
    FAILED,
    INTERRUPTED,
    /** Ended by its own timeout (an HTTP request or a shell command that took too long). */
    TIMED_OUT,
    /** A trigger listener vetoed it: the job did not run. */
    VETOED,
    /** Its trigger missed its fire time (the misfire policy then decides what happens). */
    MISFIRED,
    /** The node running it stopped (crashed, killed) before it ended. */
    NODE_DIED,
    /** Not ended yet. */
    RUNNING;

    /** Whether this outcome counts as a failure (for retries, alerts and the failed filter). */
    public boolean failed() {
        return this == FAILED || this == TIMED_OUT || this == NODE_DIED;
    }
}
