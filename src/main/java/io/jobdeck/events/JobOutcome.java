package io.jobdeck.events;

/** How an execution ended. */
public enum JobOutcome {
    SUCCEEDED,
    FAILED,
    INTERRUPTED
}
