package io.jobdeck.scheduler.internal;

import io.jobdeck.scheduler.SchedulerState;
import io.jobdeck.scheduler.SchedulerStatus;
import io.jobdeck.scheduler.StatusReason;
import io.jobdeck.scheduler.StatusReason.Code;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Computes the truthful status from one {@link Observation}. RUNNING is said only while Quartz is started and not in
 * standby, its threads are alive, its job store answers in time, it reports no error and no trigger is overdue.
 * STOPPED is said only while Quartz really is in standby and no job runs; a drained node says why
 * ({@link Code#DRAINED}) while it stops and once it stands by.
 */
public final class StatusCalculator {

    private StatusCalculator() {}

    public static SchedulerStatus compute(String node, Observation o, SchedulerStatus previous, Instant now) {
        State s = state(o);
        Instant since = s.state == previous.state() ? previous.since() : now;
        return new SchedulerStatus(
                node,
                s.state,
                since,
                s.reason,
                o.warnings(),
                o.runningJobs(),
                Math.min(o.runningJobs(), o.poolSize()),
                o.poolSize(),
                o.store().jobCount(),
                o.store().triggerCount(),
                o.fired(),
                o.failed());
    }

    private record State(SchedulerState state, @Nullable StatusReason reason) {}

    private static State state(Observation o) {
        if (o.quartzShutdown()) {
            return failed(StatusReason.of(Code.QUARTZ_SHUT_DOWN));
        }
        if (o.leaseLostTo() != null) {
            return failed(StatusReason.of(Code.LEASE_LOST, o.leaseLostTo()));
        }
        if (!o.wantRunning() || o.drainedBy() != null) {
            if (!o.quartzStandby()) {
                return o.commandFailure() != null
                        ? failed(StatusReason.of(Code.COMMAND_FAILED, o.commandFailure()))
                        : new State(SchedulerState.STOPPING, StatusReason.of(Code.STOP_PENDING));
            }
            return new State(
                    o.runningJobs() > 0 ? SchedulerState.STOPPING : SchedulerState.STOPPED,
                    o.drainedBy() == null ? null : StatusReason.of(Code.DRAINED, o.drainedBy()));
        }
        if (o.starting()) {
            return new State(SchedulerState.STARTING, null);
        }
        if (o.commandFailure() != null) {
            return failed(StatusReason.of(Code.COMMAND_FAILED, o.commandFailure()));
        }
        if (o.store().problem() != null) {
            return degraded(o.store().problem());
        }
        if (!o.quartzStarted() || o.quartzStandby()) {
            return degraded(StatusReason.of(Code.QUARTZ_NOT_FIRING));
        }
        if (!o.schedulerThreadAlive()) {
            return degraded(StatusReason.of(Code.SCHEDULER_THREAD_DEAD));
        }
        if (o.aliveWorkers() < o.poolSize()) {
            return degraded(StatusReason.of(Code.WORKERS_DEAD, o.aliveWorkers(), o.poolSize()));
        }
        if (o.quartzError() != null) {
            return degraded(StatusReason.of(Code.QUARTZ_ERROR, o.quartzError()));
        }
        if (o.store().overdue() > 0) {
            return degraded(StatusReason.of(
                    Code.TRIGGERS_OVERDUE,
                    o.store().overdue(),
                    StoreProbe.OVERDUE_AFTER.toSeconds(),
                    Math.min(o.runningJobs(), o.poolSize()),
                    o.poolSize()));
        }
        return new State(SchedulerState.RUNNING, null);
    }

    private static State failed(StatusReason reason) {
        return new State(SchedulerState.FAILED, reason);
    }

    private static State degraded(StatusReason reason) {
        return new State(SchedulerState.DEGRADED, reason);
    }
}
