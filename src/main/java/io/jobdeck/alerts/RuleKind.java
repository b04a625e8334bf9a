package io.jobdeck.alerts;

/** What an alert rule watches. Which of a rule's settings count depends on its kind. */
public enum RuleKind {
    /** A run failed for good: its last attempt failed (no retry follows). Per job; recovers when the job succeeds. */
    JOB_FAILED(true, false),
    /** A job has been running longer than the threshold, while it still runs. Per job. */
    JOB_STUCK(true, true),
    /** A job did not succeed within the threshold (a dead man's switch: "must succeed at least every 2 h"). */
    MISSED_RUN(true, true),
    /** The scheduler has not been RUNNING for longer than the threshold (STOPPED counts only if the rule says so). */
    SCHEDULER_NOT_RUNNING(false, true),
    /** The job store has not answered for longer than the threshold. */
    STORE_NOT_ANSWERING(false, true);

    private final boolean perJob;
    private final boolean usesThreshold;

    RuleKind(boolean perJob, boolean usesThreshold) {
        this.perJob = perJob;
        this.usesThreshold = usesThreshold;
    }

    /** Whether the rule may name a job (and then watches that job only). */
    public boolean perJob() {
        return perJob;
    }

    /** Whether the rule's threshold means anything. */
    public boolean usesThreshold() {
        return usesThreshold;
    }
}
