package io.jobdeck.jobs;

/** What "run now" did. */
public enum RunNowOutcome {
    /** A one-off trigger fires at once. */
    FIRING,
    /** The scheduler is stopped: the one-off trigger waits and fires as soon as the scheduler starts. */
    QUEUED_UNTIL_START
}
