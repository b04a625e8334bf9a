package io.jobdeck.scheduler;

/** How a stop treats the jobs that are running at that moment. */
public enum StopMode {
    /** Stop firing triggers and let running jobs finish (Quartz standby). */
    STANDBY,
    /** Stop firing triggers and also interrupt the running jobs that can be interrupted. */
    INTERRUPT
}
