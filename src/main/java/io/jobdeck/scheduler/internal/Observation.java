package io.jobdeck.scheduler.internal;

import org.jspecify.annotations.Nullable;

/**
 * Everything the status is computed from, read at one moment.
 *
 * @param wantRunning        the operator's last command asked the scheduler to run
 * @param starting           a start is being applied now
 * @param commandFailure     why the last command failed, or null
 * @param quartzStarted      Quartz has been started at least once
 * @param quartzStandby      Quartz is in standby (not firing)
 * @param quartzShutdown     Quartz has been shut down for good
 * @param schedulerThreadAlive Quartz's scheduler thread is alive
 * @param aliveWorkers       live worker threads
 * @param poolSize           configured worker threads
 * @param store              the last job store probe
 * @param runningJobs        jobs executing on this node
 * @param fired              jobs fired since start
 * @param failed             jobs failed since start
 */
public record Observation(
        boolean wantRunning,
        boolean starting,
        @Nullable String commandFailure,
        boolean quartzStarted,
        boolean quartzStandby,
        boolean quartzShutdown,
        boolean schedulerThreadAlive,
        int aliveWorkers,
        int poolSize,
        StoreHealth store,
        int runningJobs,
        long fired,
        long failed) {}
