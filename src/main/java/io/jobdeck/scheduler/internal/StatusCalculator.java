package io.jobdeck.scheduler.internal;

import io.jobdeck.scheduler.SchedulerState;
import io.jobdeck.scheduler.SchedulerStatus;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Computes the truthful status. RUNNING is said only while Quartz is started and not in standby, its threads are
 * alive, and its job store answers.
 */
public final class StatusCalculator {

    private StatusCalculator() {}

    public static SchedulerStatus compute(Observation o, SchedulerStatus previous, Instant now) {
        State s = state(o);
        Instant since = s.state == previous.state() ? previous.since() : now;
        return new SchedulerStatus(
                s.state,
                since,
                s.reason,
                o.runningJobs(),
                Math.min(o.runningJobs(), o.poolSize()),
                o.poolSize(),
                o.store().jobCount(),
                o.store().triggerCount(),
                o.fired(),
                o.failed());
    }

    private record State(SchedulerState state, @Nullable String reason) {}

    private static State state(Observation o) {
        if (o.quartzShutdown()) {
            return new State(SchedulerState.FAILED, "The Quartz scheduler has been shut down");
        }
        if (!o.wantRunning()) {
            return new State(o.runningJobs() > 0 ? SchedulerState.STOPPING : SchedulerState.STOPPED, null);
        }
        if (o.starting()) {
            return new State(SchedulerState.STARTING, null);
        }
        if (o.commandFailure() != null) {
            return new State(SchedulerState.FAILED, o.commandFailure());
        }
        if (!o.store().answers()) {
            return new State(SchedulerState.DEGRADED, "The job store does not answer: " + o.store().error());
        }
        if (!o.quartzStarted() || o.quartzStandby()) {
            return new State(SchedulerState.DEGRADED, "Quartz is not firing triggers");
        }
        if (!o.schedulerThreadAlive()) {
            return new State(SchedulerState.DEGRADED, "The Quartz scheduler thread is not alive");
        }
        if (o.aliveWorkers() < o.poolSize()) {
            return new State(
                    SchedulerState.DEGRADED,
                    "Only " + o.aliveWorkers() + " of " + o.poolSize() + " worker threads are alive");
        }
        return new State(SchedulerState.RUNNING, null);
    }
}
