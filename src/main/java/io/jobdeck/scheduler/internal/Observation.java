package io.jobdeck.scheduler.internal;

import io.jobdeck.scheduler.StatusReason;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything the status is computed from, observed at one moment. None of it needs the database: the store's health
 * is the probe's last answer.
 *
 * @param wantRunning          the operator's last choice (as applied by the control), in a cluster the cluster's
 * @param drainedBy            who drained this node for maintenance (it stands by whatever the choice), or null
 * @param starting             a start is being applied now
 * @param commandFailure       why the last command failed, or null
 * @param quartzStarted        Quartz was started at least once
 * @param quartzStandby        Quartz is in standby (fires nothing)
 * @param quartzShutdown       Quartz was shut down for good
 * @param schedulerThreadAlive the Quartz scheduler thread is alive
 * @param aliveWorkers         worker threads alive
 * @param poolSize             worker threads configured
 * @param store                the job store's last answer
 * @param quartzError          an error Quartz reported (e.g. failing to acquire triggers) and has not recovered from
 * @param leaseLostTo          the node that took this database over, or null
 * @param choiceNotSaved       why the operator's last choice is not saved yet, or null
 * @param eventsDropped        live events dropped since the start
 * @param runningJobs          jobs executing on this node
 * @param fired                jobs fired since start
 * @param failed               jobs failed since start
 */
public record Observation(
        boolean wantRunning,
        @Nullable String drainedBy,
        boolean starting,
        @Nullable String commandFailure,
        boolean quartzStarted,
        boolean quartzStandby,
        boolean quartzShutdown,
        boolean schedulerThreadAlive,
        int aliveWorkers,
        int poolSize,
        StoreHealth store,
        @Nullable String quartzError,
        @Nullable String leaseLostTo,
        @Nullable String choiceNotSaved,
        long eventsDropped,
        int runningJobs,
        long fired,
        long failed) {

    /** Warnings that do not change the state. */
    List<StatusReason> warnings() {
        List<StatusReason> warnings = new java.util.ArrayList<>();
        if (choiceNotSaved != null) {
            warnings.add(StatusReason.of(StatusReason.Code.CHOICE_NOT_SAVED, choiceNotSaved));
        }
        if (eventsDropped > 0) {
            warnings.add(StatusReason.of(StatusReason.Code.EVENTS_DROPPED, eventsDropped));
        }
        return warnings;
    }
}
