package io.jobdeck.scheduler;

/** What the scheduler is doing, as an operator would say it. */
public enum SchedulerState {
    /** Not firing triggers, and no job is running. */
    STOPPED,
    /** A start was applied and Quartz is coming up. */
    STARTING,
    /** Firing triggers: Quartz is started, its threads are alive and its job store answers. */
    RUNNING,
    /** Stopped firing; running jobs are still draining. */
    STOPPING,
    /** Asked to run, but something it needs is not healthy (see the reason). It recovers by itself. */
    DEGRADED,
    /** A lifecycle command failed (see the reason). */
    FAILED;

    /** True while Start makes sense. */
    public boolean canStart() {
        return this != RUNNING && this != STARTING;
    }

    /** True while a graceful Stop makes sense. */
    public boolean canStop() {
        return this == RUNNING || this == STARTING || this == DEGRADED;
    }

    /** True while "stop and interrupt running jobs" makes sense. */
    public boolean canInterrupt() {
        return canStop() || this == STOPPING;
    }
}
