package io.jobdeck.jobs;

/** A job's state as an operator sees it, summed up over its triggers. */
public enum JobState {
    RUNNING,
    SCHEDULED,
    PAUSED,
    BLOCKED,
    ERROR,
    COMPLETE,
    UNSCHEDULED
}
